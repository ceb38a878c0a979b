"""Command-line arguments, and text that reaches a terminal: what is printed must be
what is there, visibly, whatever the case, rule or file name holds."""

from __future__ import annotations

from tests.hostile.corpus import BULK, CASE, Entry, case, summary
from tests.hostile.entries_rules import RULE, RULE_ID, SHOWN, edit


def _usage(name: str, args: tuple[str, ...], command: str, message: str) -> Entry:
    return Entry(f"malformed/{name}", args, 2, (
        f"Usage: compliance {command}", f"Try 'compliance {command.split(' [')[0]} --help'"
        " for help.", "", f"Error: {message}"), files={"case.yaml": CASE})


CHECK_USAGE = "check [OPTIONS] {cases}..."
EMPTY = "the path is empty; expected a file or folder name"

ARGUMENTS = [
    _usage("empty-case-argument", ("check", ""), CHECK_USAGE,
           f"Invalid value for 'cases': {EMPTY}"),
    _usage("empty-rules-option", ("check", "-r", "", "case.yaml"), CHECK_USAGE,
           f"Invalid value for '--rules' / '-r': {EMPTY}"),
    _usage("empty-output-option", ("report", "case.yaml", "-o", ""),
           "report [OPTIONS] {case}", f"Invalid value for '--output' / '-o': {EMPTY}"),
    _usage("empty-official-option", ("rules", "verify-quotes", "--official", ""),
           "rules verify-quotes [OPTIONS]", f"Invalid value for '--official': {EMPTY}"),
    _usage("fail-on-unknown", ("check", "--fail-on", "bogus", "case.yaml"), CHECK_USAGE,
           "Invalid value for '--fail-on': Value error, 'bogus' is not one of 'prohibited',"
           " 'wind_down', 'undetermined', 'never'."),
    Entry("malformed/as-of-impossible-date", ("check", "--as-of", "2017-02-30", "case.yaml"),
          2, ("error: --as-of must be a date as YYYY-MM-DD, e.g. 2017-10-02; got"
              " '2017-02-30'",), files={"case.yaml": CASE}),
    Entry("malformed/window-backwards", ("check", "--since", "2018-01-01", "--until",
                                         "2017-01-01", "case.yaml"), 2,
          ("error: --since/--until: the window starts (2018-01-01) after it ends"
           " (2017-01-01)",), files={"case.yaml": CASE}),
    Entry("malformed/base-revision-like-an-option", ("rules", "diff", "--base",
                                                     "--output=/tmp/x"), 2,
          ("error: --base: '--output=/tmp/x' is neither a directory nor a git revision;"
           " expected e.g. main",)),
    Entry("limits/case-proc-self-mem", ("check", "/proc/self/mem"), 2, (
        "/proc/self/mem:1:1: error[unreadable]: cannot read the file (Input/output error)",
        summary(1, 1))),
    Entry("limits/case-missing", ("check", "missing.yaml"), 2, (
        "missing.yaml:1:1: error[unreadable]: cannot read the file (No such file or directory)",
        summary(1, 1))),
]

_QUESTION = "? Was KP<U+200B>TC on the UN 1718 Sanctions List on 2017-10-02?"

DISPLAY = [
    Entry("display/bidi-override-in-title", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": case("title: A small case", 'title: "\\u202Edevorppa-ton"')},
          stdout_has=("hostile: <U+202E>devorppa-ton",)),
    Entry("display/bidi-isolates-in-title", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": case("title: A small case",
                                   'title: "\\u2067approved\\u2069 \\u061c"')},
          stdout_has=("hostile: <U+2067>approved<U+2069> <U+061C>",)),
    Entry("display/zero-width-space-in-name", ("check", "case.yaml"), 0, (),
          files={"case.yaml": case("name: Korea Posts and Telecommunications Corporation",
                                   'name: "KP\\u200bTC"')}, stdout_has=(_QUESTION[2:],)),
    Entry("display/line-separator-in-title", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": case("title: A small case", 'title: "A\\u2028All clear"')},
          stdout_has=("hostile: A<U+2028>All clear",)),
    Entry("display/newline-in-relationship-title", ("check", "case.yaml"), 0, (),
          files={"case.yaml": case("title: The JV", 'title: "The JV\\n0 prohibited"')},
          stdout_has=("r1  The JV\\x0a0 prohibited",)),
    Entry("display/carriage-return-in-title", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": case("title: A small case", 'title: "bad\\rAll clear"')},
          stdout_has=("hostile: bad\\x0dAll clear",)),
    Entry("display/tab-in-title", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": case("title: A small case", 'title: "a\\tb"')},
          stdout_has=("hostile: a\\x09b",)),
    Entry("display/colour-kept-bidi-escaped", ("check", "-q", "--color", "case.yaml"), 0, (),
          files={"case.yaml": case("title: A small case", 'title: "\\u202Edevorppa-ton"')},
          stdout_has=("\x1b[1mhostile: <U+202E>devorppa-ton\x1b[0m",), color=True),
    Entry("display/long-unbroken-title", ("check", "-q", "case.yaml"), 0, (),
          files={"case.yaml": case("title: A small case", "title: " + "W" * 400)},
          stdout_has=("W" * 400,)),
    Entry("display/escape-in-a-file-name", ("check", "\x1b[32mok.yaml"), 2, (
        "\\x1b[32mok.yaml:1:1: error[unreadable]: cannot read the file (No such file or"
        " directory)", summary(1, 1))),
    Entry("display/newline-in-a-file-name", ("check", "a\nb.yaml"), 2, (
        "a\\x0ab.yaml:1:1: error[unreadable]: cannot read the file (No such file or"
        " directory)", summary(1, 1))),
    Entry("display/bidi-in-an-unknown-key", ("check", "case.yaml"), 2, (
        "case.yaml:3:1: error[unknown-key]: unknown key '<U+202E>eltit'; expected one of:"
        " as_of, disagreements, id, interpretations, parties, prepared_by, prepared_on,"
        " relationships, relationships_file, sources, summary, title", summary(1, 1)),
          files={"case.yaml": case("title: A small case",
                                   'title: A small case\n"\\u202Eeltit": x')}),
    Entry("display/bidi-in-a-relationships-file", ("check", "case.yaml"), 2, (
        "case.yaml:13:21: error[missing-file]: '<U+202E>lnosj.sknil' does not exist in the"
        " case's folder; expected the name of a JSON Lines file in the case's folder, e.g."
        " links.jsonl", summary(1, 1)),
          files={"case.yaml": BULK.format(name='"\\u202Elnosj.sknil"')}),
    Entry("display/escape-in-as-of", ("check", "--as-of", "\x1b[2J", "case.yaml"), 2, (
        "error: --as-of must be a date as YYYY-MM-DD, e.g. 2017-10-02; got '\\x1b[2J'",),
          files={"case.yaml": CASE}),
    Entry("display/escape-in-a-rule-id", ("rules", "show", "-r", SHOWN, "\x1b]0;x\x07"), 2, (
        f"error: '\\x1b]0;x\\x07' is not a rule id; expected one of: {RULE_ID}",),
          files={SHOWN: RULE}),
    Entry("display/bidi-in-a-rule-title", ("rules", "show", "-r", SHOWN, RULE_ID), 0, (),
          files={SHOWN: edit(r"^title: .*\n", 'title: "^\\u202Ereh\\u200bto"\n')[0]},
          stdout_has=(f"{RULE_ID} (version 2): <U+202E>reh<U+200B>to",)),
    Entry("display/escape-in-an-interpretation", ("check", "--interpretation", "\x1b[2J",
                                                  "case.yaml"), 2, (
        "error: --interpretation takes ID=READING, e.g. jv-pending-request=approval-only; got"
        " '\\x1b[2J'",), files={"case.yaml": CASE}),
]

CLI = [*ARGUMENTS, *DISPLAY]
