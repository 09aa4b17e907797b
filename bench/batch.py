"""Time and peak memory of `python -m calculator lot` on 10,000 rows and on a 50 MB file of
short rows (issue 29: the whole file used to be held, 914 MiB and 194 s for 50 MB).

    .venv/bin/python bench/batch.py            # writes bench/lot.json

Each run is its own process, measured by the kernel (os.wait4: wall time, ru_maxrss), so
that the figure is the one a salesperson's machine would see, interpreter included.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Not latest*.json: those are the browser benches that bench/tables.py writes into docs/performance.md.
RESULT = Path(__file__).with_name("lot.json")
COMMUNES = ("saint-denis", "saint-paul", "le-tampon", "saint-pierre", "sainte-marie")
MB = 1_000_000


def repeated(number: int) -> str:
    """A short practice row: a name, three counts and a commune; 60 distinct practices."""
    return f"Cabinet {number};{number % 12 + 1};{number % 3};{number % 4};{COMMUNES[number % len(COMMUNES)]}\n"


def distinct(number: int) -> str:
    """A row whose figures no earlier row had (up to 21,000 rows): every estimate computed."""
    return f"Cabinet {number};{number % 250 + 1};{number // 250 % 21};{number // 5250};saint-paul\n"


def distinct_cycle(number: int) -> str:
    """Distinct rows, 21,000 of them in turn: far more than `lot` keeps (4,096 estimates)."""
    return distinct(number % 21_000)


def write_file(path: Path, row, rows=None, size=None) -> int:
    """A ';' file of `rows` rows, or of rows up to `size` bytes; returns its row count."""
    count, written = 0, 0
    with path.open("w", encoding="utf-8", newline="") as file:
        written += file.write("nom;postes;serveurs;imagerie;commune\n")
        while (rows is not None and count < rows) or (size is not None and written < size):
            written += file.write(row(count))
            count += 1
    return count


def measure(source: Path) -> dict:
    """Wall time and peak resident memory of one `lot` run, its output discarded."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "calculator", "lot", str(source)], cwd=ROOT,
                                   stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"lot a échoué ({process.returncode}) : {process.stderr.read().decode()}")
    return {"secondes": round(seconds, 2), "memoire_max_mio": round(usage.ru_maxrss / 1024, 1)}


def main() -> int:
    results = {}
    cases = (("10000_lignes_distinctes", distinct, {"rows": 10_000}),
             ("10000_lignes_repetees", repeated, {"rows": 10_000}),
             ("50_mo_repetees", repeated, {"size": 50 * MB}),
             ("50_mo_distinctes_par_21000", distinct_cycle, {"size": 50 * MB}))
    with tempfile.TemporaryDirectory() as folder:
        for name, row, kwargs in cases:
            path = Path(folder) / f"{name}.csv"
            rows = write_file(path, row, **kwargs)
            results[name] = {"lignes": rows, "octets": path.stat().st_size, **measure(path)}
            print(name, results[name], flush=True)
            path.unlink()
    results["machine"] = {"python": sys.version.split()[0], "coeurs": os.cpu_count()}
    RESULT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
