"""Which price list a proposal was issued with: a version names the rules files' content.

The version is a digest of the files as the business wrote them (not of what the code makes
of them), so that it stays the same whatever later code reads it, and any edit of the rules,
even later the same day, is a new version. Pure: the files' texts come from the disk or from
git (rule_history.py), and the browser gets each version as JSON (build.py, tarifs/).
"""

import hashlib
from dataclasses import dataclass
from datetime import date

VERSION_LENGTH = 12
HEX = frozenset("0123456789abcdef")


def version_of(texts: dict) -> str:
    """{file name: text} -> 12 hexadecimal digits. Line ends are normalised, so that a
    checkout that writes CRLF names the same version."""
    digest = hashlib.sha256()
    for name in sorted(texts):
        digest.update(name.encode() + b"\0" + texts[name].replace("\r\n", "\n").encode() + b"\0")
    return digest.hexdigest()[:VERSION_LENGTH]


def is_version(text: str) -> bool:
    return len(text) == VERSION_LENGTH and set(text) <= HEX


@dataclass(frozen=True)
class PublishedVersion:
    """One price list as published: from the day of its first commit to the day the next
    one took over (None: still current), both included. A proposal naming it must be dated
    within."""
    rules: object
    since: date
    until: "date | None" = None
