"""Benchmark ``compliance report`` (not a test): whole process, stages, scaling.

Run: ``python benchmarks/bench_report.py [--runs 5]``.  Prints medians for the
flagship (whole process and in-process stages) and the per-relationship cost from
a synthetic 200-relationship case generated in a temporary directory.
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
        document = layout(html)
        pages = len(document.pages)
        marks.append(time.perf_counter())
        write_document(document)
        marks.append(time.perf_counter())
        for name, a, b in zip(("load+assess", "view+html", "layout", "write"),
                              marks, marks[1:], strict=False):
            out.setdefault(name, []).append(b - a)
    result = {k: statistics.median(v) for k, v in out.items()}
    result["pages"] = pages
    return result


def import_time() -> float:
    code = "import time; t=time.perf_counter(); import weasyprint; print(time.perf_counter()-t)"
    return float(subprocess.run([sys.executable, "-c", code], check=True,
                                capture_output=True, text=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=200)
    args = parser.parse_args()
    print(f"import weasyprint: {import_time():.2f} s")
    flagship = stages(FLAGSHIP, args.runs)
    print(f"flagship whole process (median of {args.runs}): "
          f"{whole_process(FLAGSHIP, args.runs):.2f} s")
    print("flagship in process: " + ", ".join(f"{k} {v:.2f}" for k, v in flagship.items()))
    with tempfile.TemporaryDirectory() as tmp:
        small, big = synthetic_case(4, Path(tmp)), synthetic_case(args.size, Path(tmp))
        a = stages(small, max(1, args.runs // 2))
        b = stages(big, 1)
    total_a = sum(v for k, v in a.items() if k != "pages")
    total_b = sum(v for k, v in b.items() if k != "pages")
    print(f"synthetic 4: {total_a:.2f} s, {a['pages']:.0f} pages; synthetic {args.size}: "
          f"{total_b:.2f} s, {b['pages']:.0f} pages")
    print("synthetic big stages: " + ", ".join(f"{k} {v:.2f}" for k, v in b.items()))
    per = (total_b - total_a) / (args.size - 4)
    print(f"per additional relationship: {per * 1000:.0f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
