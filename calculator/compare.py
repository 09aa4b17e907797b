"""What a rules change does to prices: `python -m calculator comparer`, and CI's step summary.

The business edits prices in YAML; before they reach the site, whoever reviews the change
should see its effect in euros, not in YAML lines. `compare` and the two renderers are pure;
the functions after them read the earlier rules from git (`git show REF:rules/<file>`) and
validate them with today's code, as `load_rules` does the working tree's.
It is a report, never a gate: earlier rules that today's code rejects are said so, not raised.
"""

import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from string import hexdigits

from .errors import RulesError
from .estimate import estimate_query
from .load import load_rules
from .french import NBSP, format_eur, format_number
from .offer import rate_card
from .contract import CONDITIONS
from .rules import RULES_FILES

MISSING = "—"
NOTES = {"added": " (ligne ajoutée)", "removed": " (ligne supprimée)", "changed": ""}


class GitError(Exception):
    """git could not answer (unknown ref, not a repository); the message is French, for stderr."""


class NotComparable(Exception):
    """The earlier rules cannot be read or validated; the message says why, in French."""


@dataclass(frozen=True)
class RateChange:
    """A rate-card line whose price differs; None on the side where the line does not exist."""
    level: "int | None"       # None: the VAT rate, common to every level
    label: str
    before: "str | None"
    after: "str | None"

    @property
    def kind(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"


@dataclass(frozen=True)
class Totals:
    ht: Decimal
    ttc: Decimal


@dataclass(frozen=True)
class EstimateRow:
    """One level's monthly totals for one estimate; None on the side where the estimate is absent."""
    name: str
    level: int
    before: "Totals | None"
    after: "Totals | None"

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Comparison:
    rate_card: tuple          # RateChange: changed lines only
    estimates: tuple          # EstimateRow: every level of every estimate, so "=" shows what held

    @property
    def unchanged(self) -> bool:
        return not self.rate_card and not any(row.changed for row in self.estimates)


# Comparing --------------------------------------------------------------------------------

def _card(rules) -> dict:
    """(level, label) -> price text: the VAT rate and each commune's travel zone (level None,
    they change every level's figures), then each level's rate card."""
    card = {(None, "TVA"): f"{format_number(rules.vat_percent)}{NBSP}%"}
    card.update(((None, f"Zone de déplacement de {commune.name}"), f"zone {commune.zone}") for commune in rules.communes)
    for level in rules.levels:
        card.update(((level, label), price) for label, price in rate_card(rules, level))
    return card


def compare_rate_cards(before, after) -> tuple:
    """Changed lines, level by level; within a level, today's order, then the removed lines."""
    old, new = _card(before), _card(after)
    keys = sorted([*new, *(key for key in old if key not in new)], key=lambda key: key[0] or 0)
    return tuple(RateChange(level, label, old.get((level, label)), new.get((level, label)))
                 for level, label in keys if old.get((level, label)) != new.get((level, label)))


def _queries(rules) -> dict:
    """Key -> (name, query): the offer's worked example (key None), then the presets by slug,
    so that a preset is matched across versions even when renamed."""
    queries = {None: (rules.example.name, rules.example.query)}
    queries.update((preset.slug, (preset.name, preset.query)) for preset in rules.presets)
    return queries


def _totals(rules, query: str) -> dict:
    return {level: Totals(result.total_ht, result.total_ttc)
            for level, result in estimate_query(rules, query).levels.items()}


def compare_estimates(before, after) -> tuple:
    """Every level of every estimate, unchanged ones too: a reviewer sees what a change spares.
    An estimate on one side only has None on the other."""
    old, new = _queries(before), _queries(after)
    rows = []
    for key in [*new, *(key for key in old if key not in new)]:
        was = _totals(before, old[key][1]) if key in old else {}
        now = _totals(after, new[key][1]) if key in new else {}
        name = (new.get(key) or old[key])[0]
        rows += [EstimateRow(name, level, was.get(level), now.get(level)) for level in sorted({*was, *now})]
    return tuple(rows)


def compare(before, after) -> Comparison:
    """What changed from the rules `before` to the rules `after`, both already validated."""
    return Comparison(compare_rate_cards(before, after), compare_estimates(before, after))


# Rendering --------------------------------------------------------------------------------

def _amount(value: "Decimal | None") -> str:
    return MISSING if value is None else format_eur(value)


def _gap(before: "Decimal | None", after: "Decimal | None") -> str:
    """Signed difference ("+1,00 €", "-2,50 €"), "=" when equal, "—" when a side is missing."""
    if before is None or after is None:
        return MISSING
    gap = after - before
    return "=" if gap == 0 else ("+" if gap > 0 else "") + format_eur(gap)


def _cells(row: EstimateRow) -> list:
    """HT before, after, gap, then the same for TTC."""
    cells = []
    for field in ("ht", "ttc"):
        was, now = (getattr(side, field) if side else None for side in (row.before, row.after))
        cells += [_amount(was), _amount(now), _gap(was, now)]
    return cells


def unchanged_line(label: str) -> str:
    return f"Aucun changement de prix par rapport à {label}."


def _title(label: str) -> str:
    return f"Comparaison des tarifs : {label} → règles actuelles"


def _text_card(changes) -> list:
    if not changes:
        return ["  Aucune ligne de la grille ne change."]
    lines, level = [], None
    for change in changes:
        if change.level != level:
            level = change.level
            lines.append(f"  Niveau {level}")
        indent = "  " if level is None else "    "
        lines.append(f"{indent}{change.label} : {change.before or MISSING} → {change.after or MISSING}"
                     f"{NOTES[change.kind]}")
    return lines


def _text_estimates(rows) -> list:
    lines, name = [], None
    for row in rows:
        if row.name != name:
            name = row.name
            lines.append(f"  {name}")
        ht_was, ht_now, ht_gap, ttc_was, ttc_now, ttc_gap = _cells(row)
        lines.append(f"    Niveau {row.level} : HT {ht_was} → {ht_now} ({ht_gap}) ; "
                     f"TTC {ttc_was} → {ttc_now} ({ttc_gap})")
    return lines


def render_text(comparison: Comparison, label: str) -> str:
    """The report for a terminal; `label` names the earlier version (ref and commit)."""
    if comparison.unchanged:
        return unchanged_line(label)
    return "\n".join([_title(label), "", "Grille tarifaire (avant → après)", *_text_card(comparison.rate_card),
                      "", "Estimations mensuelles (avant → après, écart)", *_text_estimates(comparison.estimates)])


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _md_row(cells) -> str:
    return "| " + " | ".join(_md_cell(str(cell)) for cell in cells) + " |"


def _md_card(changes) -> list:
    if not changes:
        return ["Aucune ligne de la grille ne change."]
    rows = [_md_row(["Niveau", "Ligne", "Avant", "Après"]), "|---|---|---|---|"]
    rows += [_md_row([change.level or "Tous", change.label + NOTES[change.kind],
                      change.before or MISSING, change.after or MISSING]) for change in changes]
    return rows


def _md_estimates(rows) -> list:
    header = ["Estimation", "Niveau", "HT avant", "HT après", "Écart HT", "TTC avant", "TTC après", "Écart TTC"]
    lines = [_md_row(header), "|---|---:|---:|---:|---:|---:|---:|---:|"]
    return lines + [_md_row([row.name, row.level, *_cells(row)]) for row in rows]


def render_markdown(comparison: Comparison, label: str) -> str:
    """The same report in GitHub-flavoured Markdown, for CI's step summary."""
    if comparison.unchanged:
        return unchanged_line(f"`{label}`")
    return "\n".join([f"## {_title(f'`{label}`')}", "", "### Grille tarifaire", "", *_md_card(comparison.rate_card),
                      "", "### Estimations mensuelles", "", *_md_estimates(comparison.estimates)])


# Reading the earlier rules from git -------------------------------------------------------

def git(folder: Path, *args) -> "str | None":
    """git's output, run from `folder` (so that paths are the rules folder's), or None when git says no."""
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, encoding="utf-8")
    except FileNotFoundError:
        raise GitError("git est introuvable : la comparaison lit les règles précédentes dans git.") from None
    return result.stdout if result.returncode == 0 else None


def git_line(folder: Path, *args) -> "str | None":
    output = git(folder, *args)
    return None if output is None else output.strip()


def rules_prefix(folder: Path) -> str:
    """The rules folder's path inside its repository ("rules/")."""
    prefix = git_line(folder, "rev-parse", "--show-prefix")
    if prefix is None:
        raise GitError(f"Le dossier des règles « {folder} » n'est pas dans un dépôt git.")
    return prefix


def default_ref(folder: Path) -> "str | None":
    """The rules before their latest change: HEAD when the working tree differs from it, else
    the parent of the latest commit that touched the folder; None when there is none."""
    if git(folder, "status", "--porcelain", "--untracked-files=all", "--", "."):
        return "HEAD" if git_line(folder, "rev-parse", "--verify", "--quiet", "HEAD") else None
    latest = git_line(folder, "log", "-1", "--format=%h", "--", ".")
    if not latest or not git_line(folder, "rev-parse", "--verify", "--quiet", f"{latest}^"):
        return None
    return f"{latest}^"


def resolve(folder: Path, ref: str) -> str:
    """The commit `ref` names, in full."""
    commit = git_line(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if not commit:
        raise GitError(f"Référence git inconnue : « {ref} » (dans le dépôt de « {folder} »).")
    return commit


def ref_label(ref: str, commit: str) -> str:
    """How the report names the earlier version: "HEAD (abc1234)", or just "abc1234" for a hash."""
    short = commit[:7]
    is_hash = len(ref) >= 4 and all(char in hexdigits for char in ref) and commit.startswith(ref.lower())
    return short if is_hash else f"{ref} ({short})"


def _write_rules_at(folder: Path, commit: str, copy: Path) -> None:
    """Copy the rules files as they were at `commit` into the folder `copy`."""
    prefix = rules_prefix(folder)
    for name in RULES_FILES:
        path = prefix + Path(name).name
        text = git(folder, "show", f"{commit}:{path}")
        if text is None and name == CONDITIONS:
            # Added after the first price lists; it prices nothing: today's stands in for it.
            text = (folder / Path(name).name).read_text(encoding="utf-8")
        if text is None:
            raise NotComparable(f"le fichier {path} n'existe pas dans cette version")
        (copy / Path(name).name).write_text(text, encoding="utf-8")


def rules_at(folder: Path, commit: str):
    """The rules at `commit`, validated by today's code. They are read from a temporary copy
    by `load_rules`, so that both sides go through the same YAML reading and the same checks;
    an error names the file as in the repository, with its line."""
    with tempfile.TemporaryDirectory(prefix="regles-") as copy:
        _write_rules_at(folder, commit, Path(copy))
        try:
            return load_rules(copy)[0]
        except RulesError as error:
            shown = error.located(rules_prefix(folder) + Path(error.file).name, error.line)
            raise NotComparable(f"ces règles ne sont pas valides pour le code actuel : {shown}") from None


def report(after, folder, ref: "str | None" = None, markdown: bool = False) -> str:
    """The whole report, from the rules at `ref` (default: before their latest change) to
    `after`, the rules of `folder` as loaded. Raises GitError only when git cannot answer."""
    folder = Path(folder).resolve()
    rules_prefix(folder)
    ref = ref or default_ref(folder)
    if ref is None:
        return "Aucune version précédente des règles dans l'historique git : rien à comparer."
    commit = resolve(folder, ref)
    name = ref_label(ref, commit)
    try:
        before = rules_at(folder, commit)
    except NotComparable as reason:
        text = str(reason)
        return f"Comparaison des tarifs impossible avec {name} : {text}{'' if text.endswith(('.', '?')) else '.'}"
    return (render_markdown if markdown else render_text)(compare(before, after), name)
