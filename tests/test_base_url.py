"""build.py --base-url: the path every page loads its assets from. A full address is split into
origin and path; anything else that is not a path is refused before a file is written
(`--base-url http://127.0.0.1:8000/` used to build pages loading `/http://127.0.0.1:8000/assets/…`)."""

import re

import pytest

import build
from build_steps.base_url import BaseUrlError, site_address

DEFAULT = "https://reunioninformatique.com"


@pytest.mark.parametrize("base_url, site_origin, address", [
    ("/", DEFAULT, (DEFAULT, "/")),
    ("/tarifs/", DEFAULT, (DEFAULT, "/tarifs/")),
    ("/tarifs", DEFAULT, (DEFAULT, "/tarifs/")),
    ("http://127.0.0.1:8000/", DEFAULT, ("http://127.0.0.1:8000", "/")),
    ("https://prisme.github.io/tarifs/", DEFAULT, ("https://prisme.github.io", "/tarifs/")),
    ("https://prisme.github.io", DEFAULT, ("https://prisme.github.io", "/")),
    ("https://prisme.github.io/tarifs/", "https://prisme.github.io", ("https://prisme.github.io", "/tarifs/")),
])
def test_a_path_or_a_full_address_gives_origin_and_path(base_url, site_origin, address):
    assert site_address(base_url, site_origin, DEFAULT) == address


@pytest.mark.parametrize("base_url, site_origin, message", [
    ("tarifs/", DEFAULT, "n'est pas un chemin"),
    ("//cdn.example/", DEFAULT, "ni un chemin (/tarifs/) ni une adresse"),
    ("ftp://example.com/", DEFAULT, "ni un chemin (/tarifs/) ni une adresse"),
    ("https://a.example/?x=1", DEFAULT, "ni un chemin (/tarifs/) ni une adresse"),
    ("/mes tarifs/", DEFAULT, "contient des caractères"),
    ("/tarifs/../", DEFAULT, "contient des caractères"),
    ("/tarifs?x/", DEFAULT, "contient des caractères"),
    ("https://a.example/x/", "https://b.example", "désignent deux sites différents ; donnez --base-url /x/ "
                                                   "--site-origin https://a.example."),
])
def test_a_base_url_that_is_not_a_path_is_refused_in_french(base_url, site_origin, message):
    with pytest.raises(BaseUrlError, match=re.escape(message)):
        site_address(base_url, site_origin, DEFAULT)


def test_the_build_stops_before_writing(tmp_path, capsys):
    assert build.main(["--out", str(tmp_path / "dist"), "--base-url", "tarifs/"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Construction refusée, site non modifié : --base-url « tarifs/ »")
    assert not (tmp_path / "dist").exists()
