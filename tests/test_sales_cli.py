"""`lien` and `lot`: links and estimates for sales from the command line, through the links'
own parser (expected figures from the frozen rules: 7/1/2 Saint-Denis is the offer's example)."""

import csv
import io

import pytest

from .test_cli import run

BASE = "https://reunioninformatique.com"


@pytest.mark.parametrize("flags, link", [
    (["--postes", "7", "--serveurs", "1", "--imagerie", "2"], f"{BASE}/cal/?postes=7&serveurs=1&imagerie=2"),
    # The canonical form of a link: contract order, defaults left out, the commune's slug.
    (["--commune", "Saint Paul", "--postes", "1", "--tpe", "oui"], f"{BASE}/cal/?commune=saint-paul&tpe=1"),
    ([], f"{BASE}/cal/"),
])
def test_lien_prints_the_canonical_link(flags, link):
    result = run("lien", "--base", BASE + "/", *flags)
    assert result.returncode == 0 and result.stdout == link + "\n"


def test_lien_without_base_links_to_the_public_site():
    """The address the site is built for by default (build.py --site-origin, --base-url)."""
    result = run("lien", "--postes", "7")
    assert result.returncode == 0 and result.stdout == "https://reunioninformatique.com/cal/?postes=7\n"


def test_lien_reports_a_bad_value_and_still_gives_a_link():
    result = run("lien", "--base", BASE, "--postes", "400")
    assert result.returncode == 0 and result.stdout == f"{BASE}/cal/?postes=250\n"
    assert "« postes » : 400 est hors limites (1 à 250) ; 250 utilisé." in result.stderr


def rows(text: str, delimiter: str) -> list:
    assert text.startswith("\ufeff")          # so that Excel reads the accents right
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter))


# With ';' (French Excel) amounts take a decimal comma, so that the spreadsheet reads numbers.
@pytest.mark.parametrize("delimiter, point", [(",", "."), (";", ",")])
def test_lot_estimates_every_row_and_keeps_other_columns(tmp_path, delimiter, point):
    source = tmp_path / "cabinets.csv"
    source.write_text(delimiter.join(["nom", "postes", "serveurs", "imagerie", "commune"]) + "\n"
                      + delimiter.join(["Dr Payet", "7", "1", "2", "saint-denis"]) + "\n"
                      + delimiter.join(["Cabinet Hoarau", "abc", "0", "0", "Saint Paul"]) + "\n", encoding="utf-8-sig")
    result = run("lot", str(source), "--base", BASE)
    assert result.returncode == 0, result.stderr
    first, second = rows(result.stdout, delimiter)
    assert (first["nom"], first["niveau_2_ht"], first["niveau_2_ttc"], first["recommande"], first["avis"]) == \
        ("Dr Payet", f"409{point}00", f"443{point}77", "2", "")
    assert first["lien"] == f"{BASE}/cal/?postes=7&serveurs=1&imagerie=2"
    # A bad value gets its notice in its own row and the default; the batch goes on.
    assert second["nom"] == "Cabinet Hoarau" and second["niveau_2_ht"] == f"88{point}00"
    assert "« postes » : « abc » n'est pas un nombre" in second["avis"]
    assert second["lien"] == f"{BASE}/cal/?commune=saint-paul"


@pytest.mark.parametrize("content, message", [
    (None, "Fichier introuvable"),
    ("", "le fichier est vide"),
    ("nom,prenom\nPayet,Jean\n", "aucune colonne ne porte le nom d'un paramètre"),
    (b"\xff\xfe\x00postes", "Fichier illisible"),
])
def test_lot_refuses_an_unreadable_file_in_french(tmp_path, content, message):
    source = tmp_path / "cabinets.csv"
    if isinstance(content, bytes):
        source.write_bytes(content)
    elif content is not None:
        source.write_text(content, encoding="utf-8")
    result = run("lot", str(source), "--base", BASE)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_lot_reads_a_french_excel_export(tmp_path):
    """Excel on Windows: semicolons, Windows-1252, capitalised headers, doubled quotes in a
    name that holds the delimiter, and empty lines written as ';;'."""
    source = tmp_path / "cabinets.csv"
    source.write_bytes('Nom;Postes;Serveurs\r\n"Cabinet ""A; B""";7;1\r\n;;\r\nDr Hoarau é;2;0\r\n'.encode("cp1252"))
    result = run("lot", str(source), "--base", BASE)
    assert result.returncode == 0 and "Windows-1252" in result.stderr
    first, second = rows(result.stdout, ";")
    assert (first["Nom"], first["niveau_2_ht"], first["lien"]) == ('Cabinet "A; B"', "371,00",
                                                                   f"{BASE}/cal/?postes=7&serveurs=1")
    assert (second["Nom"], second["niveau_2_ht"]) == ("Dr Hoarau é", "127,00")     # 49 + 2 x 39
