"""Hostile case files (YAML, JSON, JSON Lines): reads outside the case, numbers, tags."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.corpus import BULK, CASE, JSON_CASE, LINE, Entry, both, case, mkfifo, summary
from tests.hostile.corpus import symlink as link

EXPECT_JSONL = "; expected the name of a JSON Lines file in the case's folder, e.g. links.jsonl"


def _outside(name: str, written: str, code: str, message: str, **extra: object) -> Entry:
    """A case whose ``relationships_file`` is ``written``, refused at 13:21."""
    files = {"case.yaml": BULK.format(name=f"'{written}'"), **extra.pop("files", {})}  # type: ignore[dict-item]
    return Entry(f"outside/{name}", ("check", "case.yaml"), 2,
                 (f"case.yaml:13:21: error[{code}]: {message}{EXPECT_JSONL}", summary(1, 1)),
                 files=files, **extra)  # type: ignore[arg-type]


def _beside(folder: Path) -> None:
    """Another client's folder next to this one, with a JSON Lines file in it."""
    other = folder.parent / f"{folder.name}-other-client"
    other.mkdir()
    (other / "links.jsonl").write_text(LINE)


OUTSIDE = [
    _outside("absolute-etc-passwd", "/etc/passwd", "outside-case",
             "'/etc/passwd' is outside the case's folder"),
    _outside("proc-environ", "/proc/self/environ", "outside-case",
             "'/proc/self/environ' is outside the case's folder"),
    _outside("dotdot", "../../../etc/passwd", "outside-case",
             "'../../../etc/passwd' is outside the case's folder"),
    _outside("dotdot-inside", "sub/../../x.jsonl", "outside-case",
             "'sub/../../x.jsonl' is outside the case's folder"),
    _outside("tilde-home", "~/.ssh/id_rsa", "outside-case",
             "'~/.ssh/id_rsa' is outside the case's folder"),
    _outside("tilde-user", "~root/.bash_history", "outside-case",
             "'~root/.bash_history' is outside the case's folder"),
    _outside("link-to-etc", "links.jsonl", "outside-case",
             "'links.jsonl' leads outside the case's folder (a symbolic link)",
             setup=link("links.jsonl", "/etc/passwd")),
    _outside("link-to-other-client", "links.jsonl", "outside-case",
             "'links.jsonl' leads outside the case's folder (a symbolic link)",
             setup=both(_beside, lambda d: (d / "links.jsonl").symlink_to(
                 d.parent / f"{d.name}-other-client" / "links.jsonl"))),
    _outside("link-to-dev-zero", "links.jsonl", "outside-case",
             "'links.jsonl' leads outside the case's folder (a symbolic link)",
             setup=link("links.jsonl", "/dev/zero")),
    _outside("link-loop", "links.jsonl", "missing-file",
             "'links.jsonl' does not exist in the case's folder",
             setup=both(link("links.jsonl", "loop.jsonl"), link("loop.jsonl", "links.jsonl"))),
    _outside("dangling-link", "links.jsonl", "missing-file",
             "'links.jsonl' does not exist in the case's folder",
             setup=link("links.jsonl", "gone.jsonl")),
    _outside("missing", "links.jsonl", "missing-file",
             "'links.jsonl' does not exist in the case's folder"),
    _outside("a-folder", "sub", "not-a-file", "'sub' is not a regular file",
             setup=lambda d: (d / "sub").mkdir()),
    _outside("the-case-folder", ".", "not-a-file", "'.' is not a regular file"),
    _outside("fifo", "links.jsonl", "not-a-file", "'links.jsonl' is not a regular file",
             setup=mkfifo("links.jsonl")),
    Entry("outside/json-case-absolute", ("check", "case.json"), 2, (
        "case.json:1:87: error[outside-case]: '/etc/shadow' is outside the case's folder"
        + EXPECT_JSONL, summary(1, 1)),
        files={"case.json": '{"id": "j", "title": "T", "as_of": "2017-10-02", "parties": [],'
                            ' "relationships_file": "/etc/shadow"}'}),
    Entry("outside/trailing-slash-names-the-same-file", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": BULK.format(name="links.jsonl/"), "links.jsonl": LINE},
          stdout_has=("r1  UNDETERMINED",)),
    Entry("outside/link-inside-is-fine", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": BULK.format(name="links.jsonl"), "data/links.jsonl": LINE},
          setup=link("links.jsonl", "data/links.jsonl"),
          stdout_has=("r1  UNDETERMINED",)),
]

NUMBERS = [
    Entry("numbers/negative-share", ("check", "case.yaml"), 2, (
        "case.yaml:21:16: error[out-of-range]: 'share': input should be greater than or"
        " equal to 0", summary(1, 1)), files={"case.yaml": case("share: 40", "share: -20")}),
    Entry("numbers/share-over-100", ("check", "case.yaml"), 2, (
        "case.yaml:21:16: error[out-of-range]: 'share': input should be less than or"
        " equal to 100", summary(1, 1)), files={"case.yaml": case("share: 40", "share: 500")}),
    Entry("numbers/shares-add-up-over-100", ("check", "case.yaml"), 2, (
        "case.yaml:18:7: error[shares-over-100]: the shares recorded in jv add up to 110%;"
        " expected at most 100%", summary(1, 1)),
        files={"case.yaml": case("share: 40", "share: 50")}),
    *(Entry(f"numbers/yaml-{name}", ("check", "case.yaml"), 2, (
        f"case.yaml:21:16: error[{code}]: {message}", summary(1, 1)),
        files={"case.yaml": case("share: 40", f"share: {written}")})
      for name, written, code, message in (
          ("nan", ".nan", "out-of-range", "'share': input should be less than or equal to 100"),
          ("inf", ".inf", "out-of-range", "'share': input should be less than or equal to 100"),
          ("minus-inf", "-.inf", "out-of-range",
           "'share': input should be greater than or equal to 0"),
          ("1e309", "1e309", "wrong-type", "'share' must be a number; got '1e309'"),
          ("float-overflow", "1.0e+309", "out-of-range",
           "'share': input should be less than or equal to 100"),
          ("nan-string", "'NaN'", "wrong-type", "'share' must be a number; got 'NaN'"),
          ("5000-digits", "1" + "0" * 5000, "wrong-type",
           "'share' must be a number; got '10000000000000000000000000000000000000000000000000000000"
           "...'"))),
    Entry("numbers/share-is-text", ("check", "case.yaml"), 2, (
        "case.yaml:21:16: error[wrong-type]: 'share' must be a number; got '40%'",
        summary(1, 1)), files={"case.yaml": case("share: 40", "share: 40%")}),
    *(Entry(f"numbers/json-{name}", ("check", "case.json"), 2, (
        f"case.json:1:141: error[{code}]: {message}", summary(1, 1)),
        files={"case.json": JSON_CASE.replace("SHARE", written)})
      for name, written, code, message in (
          ("nan", "NaN", "json-syntax", "'NaN' is not a JSON number; expected a finite number"
                                        " such as 25 (JSON has no NaN or Infinity)"),
          ("infinity", "Infinity", "json-syntax",
           "'Infinity' is not a JSON number; expected a finite number such as 25 (JSON has"
           " no NaN or Infinity)"),
          ("minus-infinity", "-Infinity", "json-syntax",
           "'-Infinity' is not a JSON number; expected a finite number such as 25 (JSON has"
           " no NaN or Infinity)"),
          ("1e400", "1e400", "out-of-range",
           "'share': input should be less than or equal to 100"),
          ("5000-digits", "1" + "0" * 5000, "out-of-range",
           "'share': input should be less than or equal to 100"),
          ("negative", "-20", "out-of-range",
           "'share': input should be greater than or equal to 0"))),
    Entry("numbers/holdings-overlap-in-time", ("check", "case.yaml"), 2, (
        "case.yaml:18:7: error[shares-over-100]: the shares recorded in jv add up to 120% on"
        " 2016-01-01; expected at most 100%", summary(1, 1)),
        files={"case.yaml": case("      - owner: acme\n        share: 40",
                                 "      - owner: acme\n        share: 40\n"
                                 "      - owner: acme\n        share: 20\n"
                                 "        since: 2016-01-01\n        until: 2016-12-31")}),
    Entry("numbers/holdings-in-turn", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": case("      - owner: acme\n        share: 40",
                                   "      - owner: acme\n        share: 40\n"
                                   "        until: 2015-12-31\n"
                                   "      - owner: acme\n        share: 40\n"
                                   "        since: 2016-01-01")},
          stdout_has=("r1  UNDETERMINED",)),
    Entry("numbers/end-before-start", ("check", "case.yaml"), 2, (
        "case.yaml:34:10: error[date-order]: 'end' is before 'start'; expected end on or after"
        " start (a one-off act has the same start and end)", summary(1, 1)),
        files={"case.yaml": case("    start: 2017-01-01", "    start: 2017-01-01\n"
                                                         "    end: 2016-01-01")}),
    Entry("numbers/year-zero", ("check", "case.yaml"), 2, (
        "case.yaml:3:8: error[invalid-date]: '0000-01-01' is not a real calendar date;"
        " expected YYYY-MM-DD", summary(1, 1)),
        files={"case.yaml": case("as_of: 2017-10-02", "as_of: 0000-01-01")}),
    Entry("numbers/year-10000", ("check", "case.yaml"), 2, (
        "case.yaml:3:8: error[invalid-date]: expected a date as YYYY-MM-DD, e.g. 2017-09-11;"
        " got '10000-01-01'", summary(1, 1)),
        files={"case.yaml": case("as_of: 2017-10-02", "as_of: 10000-01-01")}),
]

JSONL = [
    Entry("malformed/jsonl-nul-escape", ("check", "case.yaml"), 2, (
        "links.jsonl:2:8: error[control-character]: the text contains the control character"
        " U+0000; expected printable text (tabs and line breaks are allowed)", summary(1, 1)),
        files={"case.yaml": BULK.format(name="links.jsonl"),
               "links.jsonl": LINE + '{"id": "r\\u0000", "kind": "peering", "parties": []}\n'}),
    Entry("numbers/jsonl-nan", ("check", "case.yaml"), 2, (
        "links.jsonl:1:1: error[json-syntax]: 'NaN' is not a JSON number; expected a finite"
        " number such as 25 (JSON has no NaN or Infinity)", summary(1, 1)),
        files={"case.yaml": BULK.format(name="links.jsonl"), "links.jsonl": "NaN\n"}),
    Entry("limits/jsonl-line-over-1mb", ("check", "case.yaml"), 2, (
        "links.jsonl:2:1: error[too-large]: line is longer than 1024 KiB; expected one"
        " relationship per line", summary(1, 1)),
        files={"case.yaml": BULK.format(name="links.jsonl"),
               "links.jsonl": LINE + '{"x": "' + "a" * (1 << 20) + '"}\n' + LINE}),
    Entry("limits/jsonl-too-deep", ("check", "case.yaml"), 2, (
        "links.jsonl:1:321: error[too-deep]: nesting is deeper than 64 levels; expected a case"
        " or rule document", summary(1, 1)),
        files={"case.yaml": BULK.format(name="links.jsonl"),
               "links.jsonl": '["]",' * 1000 + "1" + "]" * 1000 + "\n"}),
    Entry("malformed/jsonl-binary-line", ("check", "case.yaml"), 2, (
        "links.jsonl:1:3: error[binary]: file contains a NUL byte; expected UTF-8 text",
        summary(1, 1)), files={"case.yaml": BULK.format(name="links.jsonl"),
                               "links.jsonl": b'{"\x00"}\n'}),
]

TAGS = [
    *(Entry(f"dropped/{name}", ("check", "case.yaml"), 2, (
        f"case.yaml:{line}:{col}: error[yaml-tag]: tag '{tag}' is not allowed; expected plain"
        " values", summary(1, 1)), files={"case.yaml": case(old, new)})
      for name, old, new, line, col, tag in (
          ("python-apply-on-a-list", "relationships:\n", "relationships: !!python/object/apply:"
           "os.system\n", 22, 16, "!!python/object/apply:os.system"),
          ("python-new-on-a-mapping", "  - id: jv\n", "  - !!python/object/new:os.system\n"
           "    id: jv\n", 13, 5, "!!python/object/new:os.system"),
          ("set", "title: A small case", "title: !!set {a, b}", 2, 8, "!!set"),
          ("omap", "title: A small case", "title: !!omap [a: 1]", 2, 8, "!!omap"),
          ("pairs", "title: A small case", "title: !!pairs [a: 1]", 2, 8, "!!pairs"),
          ("custom-on-a-mapping", "    owners:\n", "    owners: !owned\n", 17, 13, "!owned"),
          ("custom-on-a-list", "parties:\n", "parties: !list\n", 4, 10, "!list"),
          ("binary-scalar", "title: A small case", "title: !!binary aGk=", 2, 8, "!!binary"),
          ("python-str-scalar", "title: A small case", "title: !!python/str hi", 2, 8,
           "!!python/str"),
          ("verbatim-tag", "title: A small case", "title: !<tag:evil.example,2024:x> [1]", 2,
           8, "tag:evil.example,2024:x"))),
    Entry("dropped/tag-on-a-merged-mapping", ("check", "case.yaml"), 2, (
        "case.yaml:2:9: error[yaml-tag]: tag '!!python/object:os.system' is not allowed;"
        " expected plain values", summary(1, 1)),
        files={"case.yaml": case("title: A small case", "x-base: &b !!python/object:os.system"
                                 " {note: n}\nx:\n  <<: *b\ntitle: A small case")}),
    Entry("dropped/tag-directive", ("check", "case.yaml"), 2, (
        "case.yaml:4:8: error[yaml-tag]: tag 'tag:evil.example,2024:list' is not allowed;"
        " expected plain values", summary(1, 1)),
        files={"case.yaml": "%TAG !e! tag:evil.example,2024:\n---\n"
                            + case("title: A small case", "title: !e!list [1]")}),
    Entry("dropped/standard-tags-are-fine", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": case("parties:\n", "parties: !!seq\n").replace(
              "title: A small case", "title: !!str A small case")},
          stdout_has=("r1  UNDETERMINED",)),
    Entry("crash/merge-of-a-number", ("check", "case.yaml"), 2, (
        "case.yaml:4:7: error[yaml-syntax]: expected a mapping or list of mappings for"
        " merging, but found scalar while constructing a mapping; expected well-formed YAML",
        summary(1, 1)), files={"case.yaml": case("title: A small case",
                                                 "title: A small case\nx:\n  <<: 5")}),
]

CHARACTERS = [
    *(Entry(f"malformed/yaml-escape-{name}", ("check", "case.yaml"), 2, (
        f"case.yaml:2:8: error[control-character]: the text contains the control character"
        f" U+{code:04X}; expected printable text (tabs and line breaks are allowed)",
        summary(1, 1)), files={"case.yaml": case("title: A small case", f'title: "A {esc}"')})
      for name, esc, code in (("nul", "\\0", 0), ("esc", "\\e[32mAll clear", 0x1B),
                              ("bel", "\\a", 7), ("csi-c1", "\\x9b2J", 0x9B),
                              ("del", "\\x7f", 0x7F), ("backspace", "\\b", 8))),
    Entry("malformed/yaml-escape-in-a-key", ("check", "case.yaml"), 2, (
        "case.yaml:3:1: error[control-character]: the text contains the control character"
        " U+001B; expected printable text (tabs and line breaks are allowed)", summary(1, 1)),
        files={"case.yaml": case("title: A small case", 'title: A small case\n"\\e[2J": 1')}),
    *(Entry(f"malformed/json-escape-{name}", ("check", "case.json"), 2, (
        f"case.json:1:141: error[{code}]: the text {message}", summary(1, 1)),
        files={"case.json": JSON_CASE.replace("SHARE", f'"{esc}"')})
      for name, esc, code, message in (
          ("nul", "\\u0000", "control-character", "contains the control character U+0000;"
           " expected printable text (tabs and line breaks are allowed)"),
          ("esc", "\\u001b[31m", "control-character", "contains the control character U+001B;"
           " expected printable text (tabs and line breaks are allowed)"),
          ("raw-c1", "\u009b", "control-character", "contains the control character U+009B;"
           " expected printable text (tabs and line breaks are allowed)"),
          ("lone-surrogate", "\\ud800", "encoding", "contains U+D800, half of a surrogate"
           " pair and not a character; expected valid Unicode text"))),
    Entry("malformed/json-surrogate-pair-is-fine", ("check", "-q", "case.json"), 0, (),
          files={"case.json": '{"id": "j", "title": "T \\ud83d\\ude00", "as_of": "2017-10-02",'
                              ' "parties": [], "relationships": []}'},
          stdout_has=("j: T \U0001f600",)),
]

INPUTS = [*OUTSIDE, *NUMBERS, *JSONL, *TAGS, *CHARACTERS]
_ = CASE  # the base case, for readers of this module
