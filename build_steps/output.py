"""The site's files in memory, archives that depend on their contents only, and the swap of
the finished site into place (a failed build leaves the previous one untouched)."""

import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # byte-identical archives from one build to the next


class BuildError(Exception):
    """A build step failed for a reason other than the rules."""


@dataclass
class Output:
    """The files of the site, path (relative, with slashes) -> bytes."""
    files: dict = field(default_factory=dict)

    def add(self, path: str, content) -> str:
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content
        return path

    def add_hashed(self, folder: str, name: str, content) -> str:
        """Add under a content-hashed name, so that browsers may cache it forever."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        stem, dot, ext = name.rpartition(".")
        digest = hashlib.sha256(data).hexdigest()[:10]
        return self.add(f"{folder}/{stem}-{digest}{dot}{ext}", data)


def deterministic_zip(entries) -> bytes:
    """entries: [(name, bytes)] -> zip bytes that depend on the contents only."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def write_output(output: Output, out_dir: Path) -> None:
    """Write everything to a sibling temporary folder, then swap it into place."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        for path, data in sorted(output.files.items()):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        old = out_dir.with_name(f".{out_dir.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
