"""Benchmark ``compliance report`` (not a test): whole process, stages, scaling.

Run: ``python benchmarks/bench_report.py [--runs 5] [--size 200]``.  Prints medians
for the flagship (whole process and in-process stages) and the cost per additional
relationship on two synthetic cases generated in a temporary directory:

- *worst case*: ``size`` copies of the flagship's TransTeleCom transit relationship,
  each with four undetermined findings and their questions;
- *mixed*: ``benchmarks/synth.py``'s seeded mix of kinds, parties and evidence
  (many relationships no rule reaches).

The box is noisy (about +-30%); a fixed pure-Python loop is timed first so that
figures from different moments can be compared.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synth  # the benchmarks' own data generator
import yaml

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "cases" / "dprk-internet-transit-2017.yaml"
RULES = ROOT / "rules"


def synthetic_case(n: int, directory: Path) -> Path:
    """The flagship's sources and parties with ``n`` generated transit relationships."""
    data = yaml.safe_load(FLAGSHIP.read_text())
    base = data["relationships"][0]
    data["id"] = f"synthetic-{n}"
    data["relationships"] = []
    for i in range(n):
        rel = dict(base)
        rel["id"] = f"synthetic-transit-{i:04d}"
        rel["title"] = f"Synthetic transit relationship {i}"
        data["relationships"].append(rel)
    path = directory / f"synthetic-{n}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def whole_process(case: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "compliance", "report", str(case), "--rules",
                        str(RULES), "--force", "-o", "/tmp/x.pdf"], check=True,
                       capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def stages(case: Path, runs: int) -> dict[str, float]:
    """Median seconds per stage, in process (imports excluded)."""
    from compliance.assess import assess, load_rulebook
    from compliance.loading import load_case
    from compliance.memory import gc_paused
    from compliance.render.html import render_html
    from compliance.render.pdf import layout, write_document
    from compliance.render.viewmodel import build_view

    out: dict[str, list[float]] = {}
    pages = 0
    for _ in range(runs):
        gc.collect()
        marks = [time.perf_counter()]
        rulebook = load_rulebook([RULES])
        loaded = load_case(case)
        assessment = assess(loaded, rulebook)
        marks.append(time.perf_counter())
        html = render_html(build_view(assessment, loaded, rulebook))
        marks.append(time.perf_counter())
        with gc_paused():  # as render_pdf does
            document = layout(html)
            pages = len(document.pages)
            marks.append(time.perf_counter())
            write_document(document)
            marks.append(time.perf_counter())
        del document
        for name, a, b in zip(("load+assess", "view+html", "layout", "write"),
                              marks, marks[1:], strict=False):
            out.setdefault(name, []).append(b - a)
    result = {k: statistics.median(v) for k, v in out.items()}
    result["pages"] = pages
    return result


def mixed_case(n: int, directory: Path) -> Path:
    path = directory / f"mixed-{n}.yaml"
    synth.write_yaml(synth.case(n, seed=1234, rich=True), path)
    return path


def import_time() -> float:
    code = ("import time; from compliance.render.pdf import import_weasyprint; "
            "t=time.perf_counter(); import_weasyprint(); print(time.perf_counter()-t)")
    return float(subprocess.run([sys.executable, "-c", code], check=True,
                                capture_output=True, text=True).stdout)


def reference_loop() -> float:
    """Median of 3 timings of a fixed loop: about 0.18 s on the quiet project VM."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(6_000_000):
            total += i
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def per_relationship(label: str, small: Path, big: Path, n_small: int, n_big: int,
                     runs: int) -> None:
    a = stages(small, max(1, runs // 2))
    b = stages(big, 1)
    total_a = sum(v for k, v in a.items() if k != "pages")
    total_b = sum(v for k, v in b.items() if k != "pages")
    per = (total_b - total_a) / (n_big - n_small)
    print(f"{label}: {n_small} relationships {total_a:.2f} s, {a['pages']:.0f} pages; "
          f"{n_big}: {total_b:.2f} s, {b['pages']:.0f} pages "
          f"({', '.join(f'{k} {v:.2f}' for k, v in b.items() if k != 'pages')})")
    print(f"{label}: per additional relationship {per * 1000:.0f} ms, "
          f"{(b['pages'] - a['pages']) / (n_big - n_small):.2f} pages (target < 100 ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=200)
    args = parser.parse_args()
    print(f"reference loop: {reference_loop():.2f} s (about 0.18 s on a quiet machine)")
    print(f"import weasyprint: {import_time():.2f} s")
    flagship = stages(FLAGSHIP, args.runs)
    print(f"flagship whole process (median of {args.runs}): "
          f"{whole_process(FLAGSHIP, args.runs):.2f} s")
    print("flagship in process: " + ", ".join(f"{k} {v:.2f}" for k, v in flagship.items()))
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        per_relationship("worst case", synthetic_case(4, directory),
                         synthetic_case(args.size, directory), 4, args.size, args.runs)
        per_relationship("mixed", mixed_case(4, directory), mixed_case(args.size, directory),
                         4, args.size, args.runs)


if __name__ == "__main__":
    main()
