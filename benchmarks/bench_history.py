"""Status histories against point-in-time screening, whole process (run by hand).

Usage::

    python benchmarks/bench_history.py [N] [--pairs K] [--keep DIR]
    python benchmarks/bench_history.py [N] --baseline OTHER_COMPLIANCE_EXECUTABLE [--windowed]

Builds an evidence-rich synthetic case of ``N`` relationships (default 100,000;
every fact with a source, a quote and a locator, as analysts record them) as YAML
plus JSON Lines, then runs ``compliance check -q`` as whole processes in pairs,
A then B, ``K`` times (default 5), each reading the output through a pipe:

- default: A assesses the history over the default window (from the earliest
  provision to the assessment date), B the assessment date alone
  (``--since`` = ``--until`` = the case's ``as_of``);
- ``--baseline EXE``: A is this checkout's point-in-time run, B the same command of
  another installation (e.g. a checkout before histories), to see whether the
  point-in-time path keeps its rate; with ``--windowed`` the other installation
  has histories too and is given ``--since``/``--until`` as A is.

Prints each side's CPU (user + system of the child) and wall medians and the medians
of the per-pair ratios A/B (ratios taken pair by pair, so that the machine's drift
cancels).  No figure is normalised.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

AS_OF = "2018-03-01"
"""The synthetic case's assessment date."""


def run(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one process, its output read through a pipe."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    while proc.stdout.read(1 << 16):
        pass
    _pid, _status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    args = sys.argv[1:]
    n = next((int(a) for a in args if a.isdigit()), 100_000)
    pairs = int(args[args.index("--pairs") + 1]) if "--pairs" in args else 5
    baseline = args[args.index("--baseline") + 1] if "--baseline" in args else None
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    with tempfile.TemporaryDirectory() as tmp:
        directory = keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        case = directory / "case.yaml"
        if not case.is_file():
            synth.write_jsonl_case(synth.case(n, seed=1234, rich=True), directory)
        size = (directory / "case.jsonl").stat().st_size / 1e6
        ours = [sys.executable, "-m", "compliance", "check", str(case), "-q"]
        if baseline is None:
            a, b = ours, [*ours, "--since", AS_OF, "--until", AS_OF]
            names = ("history (default window)", "assessment date only")
        else:
            a = [*ours, "--since", AS_OF, "--until", AS_OF]
            b = [baseline, "check", str(case), "-q"]
            if "--windowed" in args:
                b += ["--since", AS_OF, "--until", AS_OF]
            names = ("this checkout, assessment date only", f"{baseline}, assessment date")
        run(a), run(b)  # warm-up: file cache, bytecode
        results = [(run(a), run(b)) for _ in range(pairs)]
    print(f"{n:,} relationships ({size:.0f} MB JSON Lines, evidence-rich), {pairs} pairs,"
          " whole process, output read through a pipe")
    print_pairs(names, results)


def print_pairs(names: tuple[str, str],
                results: list[tuple[tuple[float, float], tuple[float, float]]]) -> None:
    """Each side's CPU and wall medians, and the medians of the pairs' ratios A/B."""
    for label, side in (("A", 0), ("B", 1)):
        cpu = statistics.median(r[side][0] for r in results)
        wall = statistics.median(r[side][1] for r in results)
        print(f"  {label} {names[side]}: CPU {cpu:.2f} s, wall {wall:.2f} s (medians)")
    cpu_ratio = statistics.median(r[0][0] / r[1][0] for r in results)
    wall_ratio = statistics.median(r[0][1] / r[1][1] for r in results)
    print(f"  A/B, median of the pairs' ratios: CPU {cpu_ratio:.2f}, wall {wall_ratio:.2f}")


if __name__ == "__main__":
    main()
