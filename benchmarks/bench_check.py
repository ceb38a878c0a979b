"""Whole-process ``compliance check`` on a JSON Lines case (run by hand).

Usage: ``python benchmarks/bench_check.py [N ...] [--mode MODE ...]`` (default
10,000 and 100,000 relationships; modes ``quiet`` (``-q``), ``prohibited``
(``--explain prohibited``, the CI setting) and ``all`` (every finding explained,
``--format json``)).  Times the CLI as a separate process (median of 3) and
reports its peak RSS from ``resource.getrusage(RUSAGE_CHILDREN)``, one fresh
child per measurement.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

ROOT = Path(__file__).resolve().parents[1]
RUN = ("import resource, subprocess, sys;"
       "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False);"
       "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


MODES = {
    "quiet": ["-q"],
    "prohibited": ["--explain", "prohibited"],
    "all": ["--format", "json"],
}


def measure(case: Path, mode: str) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one ``compliance check`` process."""
    cmd = [sys.executable, "-m", "compliance", "check", str(case), *MODES[mode],
           "--fail-on", "never"]
    start = time.perf_counter()
    # A wrapper process isolates RUSAGE_CHILDREN to this one run.
    out = subprocess.run([sys.executable, "-c", RUN, *cmd], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    return elapsed, int(out.stdout.strip()) / 1024


def main() -> None:
    args = sys.argv[1:]
    modes = [args[i + 1] for i, a in enumerate(args) if a == "--mode"] or list(MODES)
    sizes = [int(a) for i, a in enumerate(args)
             if a.isdigit() and (i == 0 or args[i - 1] != "--mode")] or [10_000, 100_000]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            directory = Path(tmp) / str(n)
            directory.mkdir()
            case = synth.write_jsonl_case(synth.case(n, seed=1234), directory)
            size = (directory / "case.jsonl").stat().st_size / 1e6
            for mode in modes:
                runs = [measure(case, mode) for _ in range(3)]
                times = [t for t, _ in runs]
                rss = max(r for _, r in runs)
                print(f"{n:>7,} relationships ({size:.1f} MB JSONL), {mode:<10}:"
                      f" median {statistics.median(times):.2f} s (min {min(times):.2f},"
                      f" max {max(times):.2f}), peak RSS {rss:.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
