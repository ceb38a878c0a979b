"""Benchmark ``compliance report`` (not a test): whole process, stages, scaling.

Run: ``python benchmarks/bench_report.py [--runs 5] [--size 200] [--instructions]``;
``--write-cases DIR`` only writes the two synthetic cases of ``--size`` relationships
into DIR, to time ``compliance report`` on them from outside (for example with the
speed-ups on and with ``COMPLIANCE_SPEEDUPS=off``, run in turn).
Prints medians for the flagship (whole process and in-process stages) and the cost
per additional relationship on two synthetic cases generated in a temporary
directory:

- *worst case*: ``size`` copies of the flagship's TransTeleCom transit relationship,
  each with four undetermined findings and their questions;
- *mixed*: ``benchmarks/synth.py``'s seeded mix of kinds, parties and evidence
  (many relationships no rule reaches).

The project VM's speed drifts by up to 2x within minutes, so a fixed pure-Python
loop (:func:`reference_loop`, about 0.18 s when the VM is quiet) is timed around
every measurement, and each figure is also given *normalised*: scaled to what it
would be with the loop at :data:`QUIET`.  ``--instructions`` adds counts of
executed instructions (valgrind's cachegrind, when installed), which do not
depend on the machine's load at all: the flagship render in process, the whole
``compliance report`` process, and the worst case per additional relationship
(4 and 25 copies; about 1.5 minutes in all).
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import synth  # the benchmarks' own data generator
import yaml

QUIET = 0.18
"""The reference loop's time, in seconds, on the quiet project VM."""
ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "cases" / "dprk-internet-transit-2017.yaml"
RULES = ROOT / "compliance" / "catalogue" / "rules"


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


def whole_process(case: Path, runs: int) -> tuple[float, float]:
    """Median seconds of ``compliance report`` as a whole process, raw and normalised."""
    def once() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "compliance", "report", str(case), "--rules",
                        str(RULES), "--force", "-o", "/tmp/x.pdf"], check=True,
                       capture_output=True)
        return time.perf_counter() - start
    pairs = [normalised(once) for _ in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def stages(case: Path, runs: int) -> dict[str, float]:
    """Median seconds per stage, in process (imports excluded)."""
    from compliance.inputs.cases import load_case
    from compliance.memory import gc_paused
    from compliance.pipeline import assess, load_rulebook
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


def reference_loop(repeat: int = 3) -> float:
    """Median of ``repeat`` timings of a fixed loop: about :data:`QUIET` s on a quiet VM."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        total = 0
        for i in range(6_000_000):
            total += i
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def normalised(measure: Callable[[], float]) -> tuple[float, float]:
    """``measure()`` and the same scaled to a quiet machine, by the reference loop
    timed just before and just after it."""
    before = reference_loop(1)
    value = measure()
    after = reference_loop(1)
    return value, value * QUIET / ((before + after) / 2)


def normalised_stages(case: Path, runs: int) -> tuple[dict[str, float], float, float]:
    """:func:`stages`, and their total in seconds, raw and normalised."""
    result: dict[str, float] = {}

    def total() -> float:
        result.update(stages(case, runs))
        return sum(v for k, v in result.items() if k != "pages")

    raw, norm = normalised(total)
    return result, raw, norm


def per_relationship(label: str, small: Path, big: Path, n_small: int, n_big: int,
                     runs: int) -> None:
    a, raw_a, norm_a = normalised_stages(small, max(1, runs // 2))
    b, raw_b, norm_b = normalised_stages(big, 1)
    added = n_big - n_small
    print(f"{label}: {n_small} relationships {raw_a:.2f} s, {a['pages']:.0f} pages; "
          f"{n_big}: {raw_b:.2f} s, {b['pages']:.0f} pages "
          f"({', '.join(f'{k} {v:.2f}' for k, v in b.items() if k != 'pages')})")
    print(f"{label}: per additional relationship {(raw_b - raw_a) / added * 1000:.0f} ms "
          f"(normalised {(norm_b - norm_a) / added * 1000:.0f} ms), "
          f"{(b['pages'] - a['pages']) / added:.2f} pages (target < 100 ms)")


def instructions(*args: str) -> float | None:
    """Instructions (billions) executed by ``python *args``, or None without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    done = subprocess.run([valgrind, "--tool=cachegrind", "--cache-sim=no",
                           "--cachegrind-out-file=/dev/null", sys.executable, *args],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    return int(found.group(1).replace(",", "")) / 1e9 if found else None


def render_only(case: Path, stop_before_layout: bool) -> None:
    """The in-process render that ``--instructions`` counts (imports, assessment,
    HTML, and unless ``stop_before_layout``, layout and PDF)."""
    from compliance.inputs.cases import load_case
    from compliance.pipeline import assess, load_rulebook
    from compliance.render.html import render_html
    from compliance.render.pdf import import_weasyprint, render_pdf
    from compliance.render.viewmodel import build_view

    import_weasyprint()
    rulebook = load_rulebook([RULES])
    loaded = load_case(case)
    html = render_html(build_view(assess(loaded, rulebook), loaded, rulebook))
    if not stop_before_layout:
        render_pdf(html)
    os._exit(0)


def count_instructions() -> None:
    me = str(Path(__file__).resolve())
    process = instructions("-m", "compliance", "report", str(FLAGSHIP), "--rules", str(RULES),
                           "--force", "-o", "/tmp/x.pdf")
    if process is None:
        print("instructions: valgrind not found (apt install valgrind)")
        return
    print(f"instructions, flagship whole process: {process:.2f} G")
    before = instructions(me, "--render-only", str(FLAGSHIP), "--stop-before-layout")
    full = instructions(me, "--render-only", str(FLAGSHIP))
    if before is not None and full is not None:
        print(f"instructions, flagship layout and write: {full - before:.2f} G")
    with tempfile.TemporaryDirectory() as tmp:
        small, big = synthetic_case(4, Path(tmp)), synthetic_case(25, Path(tmp))
        counts = [instructions(me, "--render-only", str(c)) for c in (small, big)]
    if counts[0] is not None and counts[1] is not None:
        print(f"instructions, worst case per additional relationship (4 -> 25): "
              f"{(counts[1] - counts[0]) / 21 * 1000:.0f} M")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--instructions", action="store_true",
                        help="also count executed instructions (needs valgrind)")
    parser.add_argument("--write-cases", type=Path, metavar="DIR",
                        help="only write the worst-case and mixed cases of --size into DIR")
    parser.add_argument("--render-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stop-before-layout", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.render_only:
        render_only(args.render_only, args.stop_before_layout)
    if args.write_cases:
        args.write_cases.mkdir(parents=True, exist_ok=True)
        print(synthetic_case(args.size, args.write_cases))
        print(mixed_case(args.size, args.write_cases))
        return
    print(f"reference loop: {reference_loop():.2f} s (about {QUIET} s on a quiet machine;"
          " 'normalised' figures are scaled to that)")
    print(f"import weasyprint: {import_time():.2f} s")
    flagship = stages(FLAGSHIP, args.runs)
    from compliance.render import speedups

    print(f"speed-ups (COMPLIANCE_SPEEDUPS=off turns them off): {speedups.status()}")
    raw, norm = whole_process(FLAGSHIP, args.runs)
    print(f"flagship whole process (median of {args.runs}): {raw:.2f} s "
          f"(normalised {norm:.2f} s; target < 2 s)")
    print("flagship in process: " + ", ".join(f"{k} {v:.2f}" for k, v in flagship.items()))
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        per_relationship("worst case", synthetic_case(4, directory),
                         synthetic_case(args.size, directory), 4, args.size, args.runs)
        per_relationship("mixed", mixed_case(4, directory), mixed_case(args.size, directory),
                         4, args.size, args.runs)
    if args.instructions:
        count_instructions()


if __name__ == "__main__":
    main()
