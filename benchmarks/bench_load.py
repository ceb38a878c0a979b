"""In-process load + validation of a ~10 MB YAML case (run by hand).

Usage: ``python benchmarks/bench_load.py [N]`` (default 7,500 relationships with
evidence, about 10 MB).  Median of 5 of ``load_case`` (safe bounded YAML load
with the GC paused, pydantic validation, cross-reference checks).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

from compliance.inputs.cases import load_case


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7_500
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.yaml"
        synth.write_yaml(synth.case(n, seed=1234, rich=True, n_parties=200), path)
        size = path.stat().st_size / 1e6
        times = []
        for _ in range(5):
            start = time.perf_counter()
            loaded = load_case(path)
            times.append(time.perf_counter() - start)
            del loaded
        print(f"{size:.1f} MB YAML case, {n:,} relationships: load+validate median"
              f" {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f});"
              " target < 3 s")


if __name__ == "__main__":
    main()
