"""Precompile the report templates into compliance/render/compiled/.

Run after editing anything in templates/*.j2:

    python scripts/compile_templates.py          # write the modules
    python scripts/compile_templates.py --check  # exit 1 if they are stale

A stale module is never used (the report compiles that template from its
source instead), but tests/test_html.py fails until the modules are rewritten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compliance.render.html import COMPILED, compiled_templates

TARGET = Path(__file__).resolve().parents[1] / Path(*COMPILED.split("."))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale modules")
    args = parser.parse_args()
    wanted = compiled_templates()
    present = {p.name: p.read_text(encoding="utf-8") for p in TARGET.glob("*.py")}
    stale = sorted(n for n in wanted.keys() | present.keys() if wanted.get(n) != present.get(n))
    if args.check:
        for name in stale:
            print(f"{TARGET / name}: stale; run python scripts/compile_templates.py")
        return 1 if stale else 0
    TARGET.mkdir(exist_ok=True)
    for name in stale:
        if name in wanted:
            (TARGET / name).write_text(wanted[name], encoding="utf-8")
        else:
            (TARGET / name).unlink()
        print(f"wrote {TARGET / name}" if name in wanted else f"removed {TARGET / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
