"""Ordinary data that crashed, and inputs that went past a bound: ownership graphs, far
dates, deep nesting, many references, many parties, special files."""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from pathlib import Path

from tests.hostile.corpus import CASE, Entry, both, case, mkdir, mkfifo, summary
from tests.hostile.corpus import symlink as link

KPTC = ("  - id: kptc\n    name: KPTC\n    kind: state_owned_enterprise\n    country: KP\n")


def owned(n: int, owners: dict[int, list[tuple[str, int]]], members: list[str]) -> str:
    """A case of ``n`` companies p0..p{n-1} with the given owners, and one joint venture
    of ``members`` with KPTC."""
    lines = ["id: owned", "title: An ownership graph", "as_of: 2017-10-02", "parties:",
             KPTC.rstrip("\n")]
    for i in range(n):
        lines += [f"  - id: p{i}", f"    name: Company {i}", "    kind: company",
                  "    country: RU"]
        if owners.get(i):
            lines.append("    owners:")
            for owner, share in owners[i]:
                lines += [f"      - owner: {owner}", f"        share: {share}"]
    lines += ["relationships:", "  - id: r1", "    kind: joint_venture", "    start: 2017-01-01",
              "    parties:", "      - party: kptc", "        role: partner"]
    for member in members:
        lines += [f"      - party: {member}", "        role: partner"]
    return "\n".join(lines) + "\n"


MUTUAL = owned(2, {0: [("p1", 50), ("kptc", 50)], 1: [("p0", 50), ("kptc", 50)]}, ["p0"])
CYCLE = owned(1000, {i: [(f"p{(i + 1) % 1000}", 60)] for i in range(1000)}, ["p0"])
CHAIN = owned(150, {**{i: [(f"p{i + 1}", 60)] for i in range(149)}, 149: [("kptc", 60)]},
              ["p0"])
WIDE = owned(500, {}, [f"p{i}" for i in range(500)])
LATE = case("    start: 2017-01-01", "    start: 2017-01-01\n    attributes:\n"
            "      cooperative_entity: true\n      committee_approval:\n        status: denied\n"
            "        requested_on: 2017-10-01\n        decided_on: 9999-12-25",
            case("as_of: 2017-10-02", "as_of: 9999-12-31"))
OPEN_END = case("    start: 2017-01-01", "    start: 2017-01-01\n    end: 9999-12-31")


def _report(name: str, text: str, fmt: str = "html") -> Entry:
    return Entry(f"crash/{name}-report", ("report", "case.yaml", "-f", fmt, "-o", f"out.{fmt}"),
                 0, (), files={"case.yaml": text}, stdout_has=(f"out.{fmt}",),
                 after=lambda d: _written(d / f"out.{fmt}"))


def _written(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith((b"%PDF-", b"<!DOCTYPE html>")), data[:50]
    assert len(data) > 1000


CRASHES = [
    Entry("crash/mutual-ownership", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": MUTUAL}, stdout_has=("r1  UNDETERMINED",)),
    Entry("crash/ownership-cycle-1000", ("check", "case.yaml"), 0, (),
          files={"case.yaml": CYCLE}, stdout_has=("r1\n",)),
    Entry("crash/ownership-chain-150", ("check", "case.yaml"), 0, (),
          files={"case.yaml": CHAIN}, stdout_has=("r1\n",)),
    Entry("crash/self-ownership", ("check", "case.yaml"), 2, (
        "case.yaml:20:16: error[self-ownership]: party 'jv' cannot own itself", summary(1, 1)),
        files={"case.yaml": case("owner: acme", "owner: jv")}),
    _report("mutual-ownership", MUTUAL),
    _report("ownership-cycle-1000", CYCLE),
    _report("ownership-chain-150", CHAIN),
    Entry("crash/open-end-9999", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": OPEN_END}, stdout_has=("r1  UNDETERMINED",)),
    _report("open-end-9999", OPEN_END),
    Entry("crash/as-of-9999-12-31", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": LATE}, stdout_has=("r1  UNDETERMINED",)),
    _report("as-of-9999-12-31", LATE),
    Entry("crash/history-from-year-1-to-9999", ("check", "-q", "--since", "0001-01-01",
                                                "--until", "9999-12-31", "case.yaml"), 0, (),
          files={"case.yaml": CASE}, stdout_has=("r1  UNDETERMINED",)),
    Entry("crash/as-of-year-1", ("check", "-q", "--as-of", "0001-01-01", "case.yaml"), 0, (),
          files={"case.yaml": CASE}, stdout_has=("0 prohibited",)),
]


def _misspelt(n_ids: int, n_bad: int) -> tuple[str, list[str]]:
    """A case with ``n_ids`` parties and ``n_bad`` references to misspelt ids, and the
    diagnostic expected for each (the id before its last three letters were changed is
    the suggestion)."""
    rng = random.Random(15)
    ids = sorted({"party-" + "".join(rng.choices(string.ascii_lowercase, k=10))
                  for _ in range(n_ids)})
    lines = ["id: misspelt", "title: Many misspelt references", "as_of: 2017-10-02",
             "parties:"]
    for ident in ids:
        lines += [f"  - id: {ident}", f"    name: {ident}", "    kind: company"]
    lines.append("relationships:")
    expected = []
    for k in range(n_bad):
        bad = f"{ids[k][:-3]}zzz"
        lines += [f"  - id: r{k}", "    kind: peering", "    parties:",
                  f"      - party: {bad}", "        role: partner"]
        expected.append(f"case.yaml:{len(lines) - 1}:16: error[unknown-party]: '{bad}' is not a"
                        f" party id in this case; did you mean '{ids[k]}'?")
    return "\n".join(lines) + "\n", expected


_MISSPELT, _MISSPELT_ERRORS = _misspelt(3000, 500)


def _alias_chain(levels: int) -> str:
    lines = ["x0: &a0 [1]", *(f"x{i}: &a{i} [*a{i - 1}]" for i in range(1, levels))]
    return case("relationships:\n", "\n".join(lines) + "\nrelationships:\n")


def _sparse(name: str, size: int) -> Callable[[Path], None]:
    """A setup that makes a sparse file of ``size`` bytes (nothing is written)."""

    def setup(folder: Path) -> None:
        with (folder / name).open("wb") as handle:
            handle.truncate(size)

    return setup


LIMITS = [
    Entry("limits/did-you-mean-500-over-3000", ("check", "case.yaml"), 2,
          (*_MISSPELT_ERRORS, summary(1, 500)), files={"case.yaml": _MISSPELT}),
    Entry("limits/one-relationship-500-parties", ("check", "case.yaml"), 0, (),
          files={"case.yaml": WIDE}, stdout_has=(
              "caveat: What each answer would lead to is worked out",
              "0 prohibited, 0 wind_down")),
    Entry("limits/alias-chain-1200-deep", ("check", "case.yaml"), 2, (
        "case.yaml:22:5: error[too-deep]: nesting is deeper than 64 levels; expected a case or"
        " rule document", summary(1, 1)), files={"case.yaml": _alias_chain(1200)}),
    Entry("limits/alias-quadratic", ("check", "case.yaml"), 2, (
        "case.yaml:1:1: error[alias-bomb]: aliases expand to more than 2,000,000 values;"
        " expected a document without exponential alias nesting", summary(1, 1)),
        files={"case.yaml": _alias_chain(3000)}),
    Entry("limits/json-600-deep-quoted-brackets", ("check", "case.json"), 2, (
        "case.json:1:385: error[too-deep]: nesting is deeper than 64 levels; expected a case or"
        " rule document", summary(1, 1)),
        files={"case.json": '{"a": ["]", ' * 600 + "1" + "]}" * 600}),
    Entry("limits/yaml-600-deep-quoted-brackets", ("check", "case.yaml"), 2, (
        "case.yaml:1:382: error[too-deep]: nesting is deeper than 64 levels; expected a case or"
        " rule document", summary(1, 1)),
        files={"case.yaml": "x: " + '["]", ' * 600 + "1" + "]" * 600 + "\n"}),
    Entry("limits/yaml-block-100-deep", ("check", "case.yaml"), 2, (
        "case.yaml:65:65: error[too-deep]: nesting is deeper than 64 levels; expected a case or"
        " rule document", summary(1, 1)),
        files={"case.yaml": "".join(" " * i + f"k{i}:\n" for i in range(100)) + " " * 100
               + "v: 1\n"}),
    Entry("limits/case-500-mb-sparse", ("check", "big.yaml"), 2, (
        "big.yaml:1:1: error[too-large]: file is 524.3 MB; the limit is 34 MB per document (put"
        " bulk relationships in a JSON Lines file instead)", summary(1, 1)),
        setup=_sparse("big.yaml", 500 << 20)),
    Entry("limits/case-one-byte-over", ("check", "big.json"), 2, (
        "big.json:1:1: error[too-large]: file is 33.6 MB; the limit is 34 MB per document (put"
        " bulk relationships in a JSON Lines file instead)", summary(1, 1)),
        setup=_sparse("big.json", (32 << 20) + 1)),
    *(Entry(f"limits/case-{name}", ("check", path), 2, (
        f"{path}:1:1: error[not-a-file]: this is {kind}, not a regular file; expected a YAML or"
        " JSON file", summary(1, 1)), setup=setup)
      for name, path, kind, setup in (
          ("dev-zero", "/dev/zero", "a character device", None),
          ("dev-urandom", "/dev/urandom", "a character device", None),
          ("fifo", "case.yaml", "a named pipe (FIFO)", mkfifo("case.yaml")),
          ("link-to-fifo", "case.yaml", "a named pipe (FIFO)",
           both(mkfifo("p"), link("case.yaml", "p"))),
          ("folder", "cases", "a folder", mkdir("cases"))) if name != "folder"),
    Entry("outside/case-folder-with-links-and-pipes", ("check", "-q", "cases"), 0, (
        "note: cases/a-fifo.yaml skipped: a symbolic link or special file (folders are"
        " searched for regular files only)",
        "note: cases/passwd.yaml skipped: a symbolic link or special file (folders are"
        " searched for regular files only)",
        "note: cases/sub/other.json skipped: a symbolic link or special file (folders are"
        " searched for regular files only)"),
          files={"cases/sub/real.yaml": CASE, "elsewhere/other.json": "{}"},
          setup=both(mkfifo("cases/a-fifo.yaml"), link("cases/passwd.yaml", "/etc/passwd"),
                     link("cases/sub/other.json", "../../elsewhere/other.json"),
                     link("cases/sub/loop", "..")),
          stdout_has=("r1  UNDETERMINED", "(1 relationship, 1 case)")),
]

DATA = [*CRASHES, *LIMITS]
