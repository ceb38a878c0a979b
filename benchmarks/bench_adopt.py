"""The cost of checking an in-process adapter's models, whole process (run by hand).

Usage::

    python benchmarks/bench_adopt.py [N] [--pairs K] [--keep DIR]

Builds the evidence-rich synthetic case of ``bench_history.py`` (``N`` relationships,
default 10,000), then runs two processes in pairs, ``K`` times (default 5), each
standing for an adapter that builds the models itself (here by validating the JSON
Lines records one by one) and assessing them over the default window, its output
read through a pipe:

- A hands them to :func:`compliance.adopt`, which checks them as a case file and a
  JSON Lines file are checked, then assesses;
- B hands them straight to the engine (``compliance.engine.assess.assess``), with
  no check: what an adapter did before ``adopt`` existed.

Prints each side's CPU and wall medians and the medians of the per-pair ratios A/B.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth
from bench_history import print_pairs, run

ADAPTER = """
import sys
from pathlib import Path
import compliance
from compliance.engine.assess import assess as unchecked
from compliance.inputs.cases import load_case
from compliance.models.case import Relationship

folder, how = Path(sys.argv[1]), sys.argv[2]
case = load_case(folder / "case.yaml", stream=True).case.model_copy(
    update={"relationships_file": None})
rulebook = compliance.load_rulebook()
with open(folder / "case.jsonl", encoding="utf-8") as lines:
    built = (Relationship.model_validate_json(line) for line in lines)
    if how == "adopt":
        found = compliance.assess(compliance.adopt(case, built, name="synthetic"), rulebook)
    else:
        found = unchecked(case, built, rulebook)
print(len(found.findings), "findings")
"""


def main() -> None:
    args = sys.argv[1:]
    n = next((int(a) for a in args if a.isdigit()), 10_000)
    pairs = int(args[args.index("--pairs") + 1]) if "--pairs" in args else 5
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    with tempfile.TemporaryDirectory() as tmp:
        directory = keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        if not (directory / "case.yaml").is_file():
            synth.write_jsonl_case(synth.case(n, seed=1234, rich=True), directory)
        a = [sys.executable, "-c", ADAPTER, str(directory), "adopt"]
        b = [sys.executable, "-c", ADAPTER, str(directory), "unchecked"]
        run(a), run(b)  # warm-up: file cache, bytecode
        results = [(run(a), run(b)) for _ in range(pairs)]
    print(f"{n:,} relationships (evidence-rich), {pairs} pairs, whole process,"
          " output read through a pipe")
    print_pairs(("adopt, then assess", "assess unchecked"), results)


if __name__ == "__main__":
    main()
