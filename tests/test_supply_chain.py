"""What the site is built with is pinned by content: the workflow's actions by commit SHA,
the Python packages by sha256, and updates are proposed weekly."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def uses_lines():
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^\s*(?:-\s*)?uses:\s*(.+)$", line)
            if match:
                yield workflow.name, match.group(1).strip()


def test_every_action_is_pinned_to_a_commit_with_its_version():
    """A tag can be moved by its owner to other code; a commit SHA cannot (OpenSSF Scorecard,
    Pinned-Dependencies)."""
    found = list(uses_lines())
    assert len(found) >= 5
    assert [(name, uses) for name, uses in found if not PINNED_ACTION.match(uses)] == []


def requirements(text: str) -> dict:
    """name (normalised) -> (version, number of hashes)."""
    pinned = {}
    for block in re.split(r"\n(?=[A-Za-z])", text):
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)", block)
        if match:
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            pinned[name] = (match.group(2).rstrip("\\").strip(), block.count("--hash=sha256:"))
    return pinned


def test_every_python_package_has_its_hashes_and_follows_the_edited_list():
    """pip --require-hashes refuses a file whose content is not pinned; requirements.txt is
    made from requirements.in (make epingler), so an edit of the list without regenerating
    it is caught here."""
    generated = requirements((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    edited = requirements((ROOT / "requirements.in").read_text(encoding="utf-8"))
    assert [name for name, (_, hashes) in generated.items() if hashes == 0] == []
    assert {name: version for name, (version, _) in generated.items()} == \
        {name: version for name, (version, _) in edited.items()}
    assert "--require-hashes -r requirements.txt" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_updates_are_proposed_weekly_for_each_ecosystem():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {(update["package-ecosystem"], update["schedule"]["interval"]) for update in config["updates"]} == \
        {("pip", "weekly"), ("npm", "weekly"), ("github-actions", "weekly")}
