"""The browser page's reducer and store, in Node.js (node --test tests/js/): every phase
change a visitor can cause, the impossible ones refused, and the delayed events. No browser:
they run in the engine lane."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_page_state_machine_under_node():
    done = subprocess.run(["node", "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout
