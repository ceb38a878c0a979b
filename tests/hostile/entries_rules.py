"""Hostile rule files and rule folders, checked against a small case.

Each rule entry is the shipped rule for S/RES/2375 (2017), para. 18 with one edit;
the position of the edit is computed from the text, so the entries follow the
catalogue as it changes.
"""

from __future__ import annotations

import re
from pathlib import Path

from compliance.engine.compile import REASON_FIELDS
from tests.hostile.corpus import CASE, Entry, both, mkfifo, summary
from tests.hostile.corpus import symlink as link
from tests.hostile.harness import ROOT

RULE_ID = "unscr-2375-op18"
RULE = (ROOT / "compliance" / "catalogue" / "rules" / "unscr" / f"{RULE_ID}.yaml").read_text(
    encoding="utf-8")
SHOWN = f"r/{RULE_ID}.yaml"
CHECK = ("check", "-r", SHOWN, "case.yaml")


def edit(pattern: str, new: str, text: str = RULE) -> tuple[str, int, int]:
    """``text`` with the first match of ``pattern`` replaced by ``new``, and the 1-based
    (line, column) of the ``^`` in ``new`` (which is removed)."""
    match = re.search(pattern, text, flags=re.M)
    assert match is not None, pattern
    edited = text[:match.start()] + new.replace("^", "", 1) + text[match.end():]
    at = match.start() + new.index("^")
    return edited, edited.count("\n", 0, at) + 1, at - edited.rfind("\n", 0, at)


def _rule(name: str, pattern: str, new: str, code: str, message: str, *,
          extra: tuple[str, ...] = ()) -> Entry:
    text, line, col = edit(pattern, new)
    return Entry(f"{name}", CHECK, 2, (f"{SHOWN}:{line}:{col}: error[{code}]: {message}",
                                       *extra, summary(1, 1 + len(extra))),
                 files={SHOWN: text, "case.yaml": CASE})


_PROHIBITED = r"^  prohibited: >-\n(?:    .*\n)+"
_REMARK = r"^remarks:\n"
_REMARK_NEW = ("remarks:\n  - when:\n      fact: relationship.kind\n      equals: joint_venture\n"
               "    text: ^'{template}'\n")
_FORMAT_SPEC = "has a format specification; expected a plain placeholder such as"


def _template(name: str, template: str, code: str, message: str, *,
              remark: bool = False) -> Entry:
    if remark:
        return _rule(f"crash/remark-{name}", _REMARK, _REMARK_NEW.format(template=template),
                     code, message)
    return _rule(f"crash/reason-{name}", _PROHIBITED, f"  prohibited: ^'{template}'\n", code,
                 message)


_FIELDS = ", ".join(sorted(REASON_FIELDS))

TEMPLATES = [
    _template("date-format", "{relationship:%Y}", "invalid-template",
              f"'{{relationship:%Y}}' {_FORMAT_SPEC} {{relationship}}"),
    _template("huge-padding", "{relationship:>2000000000}", "invalid-template",
              f"'{{relationship:>2000000000}}' {_FORMAT_SPEC} {{relationship}}"),
    _template("conversion", "{relationship!r}", "invalid-template",
              f"'{{relationship!r}}' {_FORMAT_SPEC} {{relationship}}"),
    _template("attribute", "{relationship.__class__.__mro__}", "unknown-placeholder",
              f"'{{relationship.__class__.__mro__}}' is not a reason placeholder; expected one"
              f" of {_FIELDS}"),
    _template("index", "{relationship[0]}", "unknown-placeholder",
              f"'{{relationship[0]}}' is not a reason placeholder; did you mean 'relationship'?;"
              f" expected one of {_FIELDS}"),
    _template("positional", "{0}", "unknown-placeholder",
              f"'{{0}}' is not a reason placeholder; expected one of {_FIELDS}"),
    _template("unbalanced", "{relationship", "invalid-template",
              "expected '}' before end of string; use {name} placeholders"),
    _template("unknown", "{x}", "unknown-placeholder",
              f"'{{x}}' is not a reason placeholder; expected one of {_FIELDS}", remark=True),
    _template("huge-padding", "{relationship:>2000000000}", "invalid-template",
              f"'{{relationship:>2000000000}}' {_FORMAT_SPEC} {{relationship}}", remark=True),
    _template("unbalanced", "a { b", "invalid-template",
              "expected '}' before end of string; use {name} placeholders", remark=True),
]

_SHARE = r"^            share_at_least: 50\n"
OPERANDS = [
    *(_rule(f"numbers/share-at-least-{name}", _SHARE, f"            share_at_least: ^{value}\n",
            "invalid-operand", "'share_at_least' takes a percentage above 0 and at most 100")
      for name, value in (("nan", ".nan"), ("zero", "0"), ("150", "150"),
                          ("negative", "-5"), ("infinity", ".inf"), ("text", "half"))),
]

_APPLIES = r"^applies_when:\n"
RULE_INPUTS = [
    _rule("dropped/rule-tag-on-a-condition", _APPLIES, "applies_when: ^!!python/name:os.system\n",
          "yaml-tag", "tag '!!python/name:os.system' is not allowed; expected plain values"),
    _rule("malformed/rule-escape-in-a-title", r"^title: .*\n", 'title: ^"\\e]0;pwned\\a"\n',
          "control-character", "the text contains the control character U+001B; expected"
          " printable text (tabs and line breaks are allowed)"),
    _rule("limits/rule-condition-600-deep", _APPLIES,
          "applies_when:\n  " + "{all: [" * 31 + "{all: ^[" + "{all: [" * 568
          + "{fact: relationship.kind, equals: joint_venture}" + "]}" * 600
          + "\nx_old_applies_when:\n",
          "too-deep", "nesting is deeper than 64 levels; expected a case or rule document"),
]


def _copy(folder: Path) -> None:
    (folder / "rules" / "deep" / "deeper").mkdir(parents=True)
    (folder / "rules" / f"{RULE_ID}.yaml").write_text(RULE, encoding="utf-8")


FOLDERS = [
    Entry("limits/rules-folder-fifo-two-down", ("check", "-q", "-r", "rules", "case.yaml"), 0,
          (), files={"case.yaml": CASE},
          setup=both(_copy, mkfifo("rules/deep/deeper/x.yaml")),
          stdout_has=("r1  UNDETERMINED",)),
    Entry("limits/rules-folder-link-loop", ("check", "-q", "-r", "rules", "case.yaml"), 0, (),
          files={"case.yaml": CASE}, setup=both(_copy, link("rules/deep/loop", "..")),
          stdout_has=("r1  UNDETERMINED",)),
    Entry("outside/rules-folder-link-to-etc", ("check", "-q", "-r", "rules", "case.yaml"), 0,
          (), files={"case.yaml": CASE}, setup=both(_copy, link("rules/passwd.yaml",
                                                                  "/etc/passwd")),
          stdout_has=("r1  UNDETERMINED",)),
    Entry("outside/rules-folder-link-to-folder-outside", ("check", "-q", "-r", "rules",
                                                          "case.yaml"), 0, (),
          files={"case.yaml": CASE}, setup=both(_copy, link("rules/etc", "/etc")),
          stdout_has=("r1  UNDETERMINED",)),
    Entry("limits/rules-dev-zero", ("check", "-r", "/dev/zero", "case.yaml"), 2, (
        "/dev/zero:1:1: error[not-a-file]: this is a character device, not a regular file;"
        " expected a YAML or JSON file", summary(1, 1)), files={"case.yaml": CASE}),
    Entry("limits/rules-fifo", ("check", "-r", "x.yaml", "case.yaml"), 2, (
        "x.yaml:1:1: error[not-a-file]: this is a named pipe (FIFO), not a regular file;"
        " expected a YAML or JSON file", summary(1, 1)), files={"case.yaml": CASE},
          setup=mkfifo("x.yaml")),
    Entry("limits/validate-folder-with-fifo", ("rules", "validate", "--draft", "rules"), 0,
          (), setup=both(_copy, mkfifo("rules/deep/x.yaml")),
          stdout_has=("1 rule file valid",)),
    Entry("limits/rule-tests-folder-with-fifo", ("rules", "test", "-r", "rules", "tests"), 2, (
        "tests:1:1: error[no-tests]: no rule-test files (*.yaml) found", summary(1, 1)),
          setup=both(_copy, mkfifo("tests/x.yaml"))),
]

_TEST_CASE = ("rule: unscr-2375-op18\ntests:\n  - name: hostile\n    as_of: 2017-10-02\n"
              "    case:\n      parties: !!python/object/apply:os.system [echo]\n"
              "      relationships: []\n    expect:\n      jv: {status: prohibited}\n")
_VALIDATED = edit(_PROHIBITED, "  prohibited: ^'{relationship:%Y}'\n")

VALIDATE = [
    Entry("crash/rules-validate-refuses-a-format-spec", ("rules", "validate", "--draft", "r"), 2,
          (), files={SHOWN: _VALIDATED[0]},  # validate reports on stdout
          stdout_has=(f"{SHOWN}:{_VALIDATED[1]}:{_VALIDATED[2]}: error[invalid-template]:"
                      f" '{{relationship:%Y}}' {_FORMAT_SPEC} {{relationship}}\n"
                      f"{summary(1, 1)}\n",)),
    Entry("dropped/rule-test-tag", ("rules", "test", "-r", "r", "tests"), 2, (
        "tests/t.yaml:6:16: error[yaml-tag]: tag '!!python/object/apply:os.system' is not"
        " allowed; expected plain values", summary(1, 1)),
          files={SHOWN: RULE, "tests/t.yaml": _TEST_CASE}),
]

RULES = [*TEMPLATES, *OPERANDS, *RULE_INPUTS, *FOLDERS, *VALIDATE]
