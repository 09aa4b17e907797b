"""The price lists the site has published, for proposals that hold their prices: every version
of the rules folder in git since proposals exist (since rules/conditions.yaml), and the
working tree's. Build time and CLI only (git); the browser gets each version as JSON.

Why git and not an archive kept by the build: every published price list is a commit of
`rules/` on main, so the history is already complete, on any fresh clone, with nothing for the
business to run or to forget; and an old version is read by today's code, as `comparer` does.
A clone without that history (a shallow checkout) cannot price old proposals: it is refused
with the fix, rather than publishing a site that silently reprices them.
"""

import tempfile
from datetime import date
from pathlib import Path

from .compare import GitError, git, git_line, rules_prefix
from .contract import CONDITIONS
from .errors import RulesError
from .load import load_rules
from .rule_versions import PublishedVersion, version_of
from .rules import RULES_FILES

# Read first: a commit without it predates proposals, and no proposal names its version.
FILES = (CONDITIONS, *(name for name in RULES_FILES if name != CONDITIONS))


class HistoryError(Exception):
    """The published price lists cannot all be read; the message is French and says what to do."""


def rules_texts(folder) -> dict:
    """{file name: text} of the rules files in `folder`, as the version digest reads them."""
    return {name: (Path(folder) / Path(name).name).read_text(encoding="utf-8") for name in RULES_FILES}


def _texts_at(folder: Path, prefix: str, commit: str) -> "dict | None":
    """The rules files at `commit`; None before proposals existed (no conditions.yaml). A file
    missing at a commit that has conditions.yaml is an error: never a version skipped unseen."""
    texts = {}
    for name in FILES:
        text = git(folder, "show", f"{commit}:{prefix}{Path(name).name}")
        if text is None and name == CONDITIONS:
            return None
        if text is None:
            raise HistoryError(f"le commit {commit[:7]} a {CONDITIONS} mais pas {name} : les tarifs publiés "
                               "avec lui ne se liraient pas. Adaptez la lecture de l'historique (rule_history.py).")
        texts[name] = text
    return texts


def _load(texts: dict, where: str):
    with tempfile.TemporaryDirectory(prefix="tarifs-") as copy:
        for name, text in texts.items():
            (Path(copy) / Path(name).name).write_text(text, encoding="utf-8")
        try:
            return load_rules(copy)[0]
        except RulesError as error:
            raise HistoryError(
                f"les tarifs publiés {where} ne se lisent plus avec le code actuel ({error}). Une "
                "proposition émise avec eux doit rester lisible : adaptez le code pour qu'il les lise encore.") from None


def published_versions(folder, today: date) -> dict:
    """{version: PublishedVersion} of every price list published since proposals exist, the
    working tree's included (current from `today` when it is not committed yet). Outside a
    git repository, the working tree's alone."""
    folder = Path(folder).resolve()
    current = version_of(rules_texts(folder))
    loaded = {current: load_rules(folder)[0]}
    since = {}
    try:
        prefix = rules_prefix(folder)
    except GitError:
        return {current: PublishedVersion(loaded[current], today)}
    if git_line(folder, "rev-parse", "--is-shallow-repository") == "true":
        raise HistoryError("l'historique git des règles est incomplet (clone superficiel) : les propositions déjà "
                           "émises ne retrouveraient pas leurs tarifs. Récupérez-le (git fetch --unshallow, ou "
                           "fetch-depth: 0 dans actions/checkout).")
    for line in (git(folder, "log", "--format=%H %cs", "--", ".") or "").splitlines():
        commit, day = line.split()
        texts = _texts_at(folder, prefix, commit)
        if texts is None:
            continue
        version = version_of(texts)
        since[version] = min(since.get(version, date.max), date.fromisoformat(day))
        if version not in loaded:
            loaded[version] = _load(texts, f"dans le commit {commit[:7]} (version {version})")
    since.setdefault(current, today)
    ordered = sorted(since, key=lambda version: (since[version], version == current))
    versions = {}
    for index, version in enumerate(ordered):
        later = None if version == current or index + 1 == len(ordered) else since[ordered[index + 1]]
        versions[version] = PublishedVersion(loaded[version], since[version], later)
    return versions
