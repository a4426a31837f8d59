"""make bench-instructions: instructions per seed document for extract and the metric extractor.

Wall and CPU time on a shared machine vary by half from run to run; the number of instructions the
code executes does not. Each figure is counted with valgrind's callgrind as the difference between a
run that extracts every seed ROUNDS times and one that only loads them, so imports and start-up drop out.
Needs valgrind (Debian's package of that name); a run takes a minute or two.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 2
STAGES = ("extract", "metrics")
VALGRIND = ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")


def work(stage: str, rounds: int) -> None:
    """What is counted: ``rounds`` times over the seeds, with the caches cleared as new documents find them."""
    sys.path.insert(0, str(ROOT))
    from run import forget_caches, seed_documents  # bench/run.py, beside this file

    from extractors.metrics import extract_metrics
    from pipeline.extract import extract

    documents = seed_documents()
    extract(documents[0])  # every pattern compiled before counting starts
    for _ in range(rounds):
        forget_caches()
        for document in documents:
            if stage == "metrics":
                extract_metrics(document, ())
            else:
                extract(document)


def count(stage: str, rounds: int) -> int:
    result = subprocess.run(
        [*VALGRIND, sys.executable, __file__, stage, str(rounds)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise SystemExit(f"error: no instruction count in valgrind's output:\n{result.stderr[-500:]}")
    return int(found.group(1))


def main() -> None:
    if len(sys.argv) == 3:  # a counted run
        work(sys.argv[1], int(sys.argv[2]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("error: valgrind is not installed (apt-get install valgrind)")
    seeds = len(list((ROOT / "corpus" / "lancashire").glob("*.txt")))
    for stage in STAGES:
        per_document = (count(stage, ROUNDS) - count(stage, 0)) / (ROUNDS * seeds)
        print(f"{stage:<10} {per_document / 1e6:7.1f} million instructions per seed document")


if __name__ == "__main__":
    main()
