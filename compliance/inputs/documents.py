"""Safe, bounded loading of YAML and JSON documents that can locate any value later.

Loading never executes anything from the file: only YAML's safe scalar types are
built and any other tag, on a value, list or mapping, is refused; aliases are
checked for exponential expansion and for the depth they nest to; nesting depth
is bounded before libyaml sees the text (its C composer recurses and would
crash); control characters are refused however they are written (raw, ``\\0`` in
YAML, ``\\u0000`` in JSON); JSON is the standard's, without ``NaN`` or
``Infinity``.  Files are read by :mod:`compliance.inputs.reading` (regular files
only, size bounded).  Line and column numbers are 1-based.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from compliance.errors import Diagnostic, InvalidInputError
from compliance.inputs import jsontext
from compliance.inputs.reading import (
    MAX_JSONL_LINE_BYTES,
    bounded_lines,
    decode,
    open_regular,
    read_text,
)
from compliance.inputs.yamlbuild import (
    MAX_DEPTH,
    Builder,
    Loader,
    check_expansion,
    too_deep,
)
from compliance.memory import gc_paused

Loc = tuple[str | int, ...]

_FLOW_RE = re.compile(r"[\[\]{}]")
_COMPACT_RE = re.compile(r"(?:[-?] +){24,}")
_DEEP_INDENT_RE = re.compile(r"^ {160,}", re.MULTILINE)


@dataclass
class Document:
    """A loaded document: its plain data plus the means to locate any value."""

    path: str
    text: str
    data: Any
    _root: yaml.Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)
    line_offset: int = 0

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Return the 1-based (line, col) of the value at ``loc``.

        Walks as far as the path exists; a missing key points at its mapping.
        With ``key=True`` the position of the last mapping key is returned.
        """
        _node, mark = self._walk(loc, key=key)
        if mark is None:
            return (1 + self.line_offset, 1)
        return (mark.line + 1 + self.line_offset, mark.column + 1)

    def value_at(self, loc: Loc) -> Any:
        """The plain data at ``loc``, or ``None`` where the path does not exist."""
        data = self.data
        for part in loc:
            if isinstance(data, dict) and isinstance(part, str):
                data = data.get(part)
            elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
                data = data[part]
            else:
                return None
        return data

    def source_text(self, loc: Loc) -> str | None:
        """The text of the scalar at ``loc`` as written (``NO``, not ``False``)."""
        node, _mark = self._walk(loc)
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def _walk(self, loc: Loc, *, key: bool = False) -> tuple[yaml.Node | None, Any]:
        node = self._root_node()
        if node is None:
            return None, None
        mark = node.start_mark
        for part in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                found = _mapping_item(node, part)
                if found is None:
                    break
                key_node, node = found
                mark = key_node.start_mark if key else node.start_mark
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                mark = node.start_mark
            # Anything else (a union tag pydantic adds to a location) is skipped.
        return node, mark

    def diagnostic(self, loc: Loc, code: str, message: str, *, key: bool = False) -> Diagnostic:
        """Build a diagnostic located at ``loc`` in this document."""
        line, col = self.locate(loc, key=key)
        return Diagnostic(self.path, line, col, code, message)

    def release(self) -> None:
        """Drop the plain data and the node tree, keeping the text (locations still work).

        A 10 MB case holds millions of nodes; once validated they are only
        garbage the cyclic collector would walk.
        """
        self.data = None
        self._root = None
        self._composed = False

    def _root_node(self) -> yaml.Node | None:
        if not self._composed:
            self._composed = True
            try:
                with gc_paused():
                    self._root = yaml.compose(self.text, Loader=Loader)
            except yaml.YAMLError:
                self._root = None
        return self._root


def _mapping_item(node: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == name:
            return key_node, value_node
    return None


def load_path(path: Path) -> Document:
    """Load a ``.yaml``/``.yml`` or ``.json`` document from disk."""
    text = read_text(path)
    if path.suffix.lower() == ".json":
        return load_json_text(text, str(path))
    return load_yaml_text(text, str(path))


def load_yaml_text(text: str, shown: str) -> Document:
    """Parse YAML text with safe types only; raise every problem found, located."""
    _check_depth(text, shown)
    try:
        with gc_paused():  # millions of acyclic nodes: the cyclic GC only costs time here
            root = yaml.compose(text, Loader=Loader)  # safe loader
    except yaml.MarkedYAMLError as exc:
        raise InvalidInputError([_syntax_diagnostic(exc, shown, text)]) from None
    except yaml.YAMLError as exc:
        raise InvalidInputError([Diagnostic(shown, 1, 1, "yaml-syntax", str(exc))]) from None
    if root is None:
        return Document(shown, text, None, root, True)
    if "&" in text:
        check_expansion(root, shown)
    builder = Builder(shown, lambda exc: _syntax_diagnostic(exc, shown, text),
                      shared_nodes="&" in text)
    with gc_paused():
        data = builder.build(root)
    if builder.diagnostics:
        raise InvalidInputError(builder.diagnostics)
    return Document(shown, text, data, root, True)


def load_json_text(text: str, shown: str, *, line_offset: int = 0) -> Document:
    """Parse standard JSON (no ``NaN``, no ``Infinity``), rejecting duplicate keys and
    refused characters; locations come from YAML's composer."""
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in items:
            if k in out:
                duplicates.append(k)
            out[k] = v
        return out

    def at(line: int, col: int, code: str, message: str) -> InvalidInputError:
        return InvalidInputError([Diagnostic(shown, line + line_offset, col, code, message)])

    try:
        with gc_paused():
            data = jsontext.loads(text, pairs)
    except json.JSONDecodeError as exc:
        raise at(exc.lineno, exc.colno, "json-syntax",
                 f"{exc.msg.lower()}; expected valid JSON") from None
    except jsontext.NonStandardConstantError as exc:
        raise at(*jsontext.constant_position(text), "json-syntax",
                 f"'{exc}' is not a JSON number; expected a finite number such as 25"
                 " (JSON has no NaN or Infinity)") from None
    except RecursionError:
        raise at(*jsontext.depth_position(text, MAX_DEPTH), "too-deep",
                 too_deep(shown, 1, 1).message) from None
    # No document can nest deeper than it has brackets (counted at C speed), nor deeper
    # than its brackets outside strings do; only then is the parsed data walked.
    deep = (text.count("[") + text.count("{") > MAX_DEPTH
            and _bracket_depth(_JSON_STRING.sub("", text)) > MAX_DEPTH
            and _json_depth_exceeded(data))
    # Likewise a refused character can only come from an escape or a raw C1/DEL.
    problem = jsontext.bad_string(data) if jsontext.may_hold_bad_characters(text) else None
    if deep:
        raise at(*jsontext.depth_position(text, MAX_DEPTH), "too-deep",
                 too_deep(shown, 1, 1).message)
    if problem is not None:
        code, what = problem
        raise at(*jsontext.string_position(text), code, f"the text {what}")
    doc = Document(shown, text, data, line_offset=line_offset)
    if duplicates:
        raise InvalidInputError(
            [Diagnostic(shown, 1 + line_offset, 1, "duplicate-key",
                        f"key '{k}' appears twice in one object; keys must be unique")
             for k in sorted(set(duplicates))]
        )
    return doc


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _bracket_depth(text: str) -> int:
    """The deepest nesting of brackets in ``text`` (JSON with its strings removed)."""
    depth = deepest = 0
    for match in _FLOW_RE.finditer(text):
        depth = depth + 1 if match.group() in "[{" else depth - 1
        deepest = max(deepest, depth)
    return deepest


def _json_depth_exceeded(data: Any) -> bool:
    """Whether parsed JSON nests deeper than ``MAX_DEPTH`` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth >= MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, shown: str, text: str) -> Diagnostic:
    if "maximum nesting depth" in (exc.problem or ""):
        # libyaml's own bound (1,000 levels in recent releases): report ours instead.
        return too_deep(shown, *_deepest_position(text, exc.problem_mark))
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    # libyaml says "found character that cannot start any token" for a tab: name it.
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if here[col - 1: col] == "\t" or "\t" in indent or "tab character" in problem:
        if here[col - 1: col] != "\t" and "\t" in indent:
            col = indent.index("\t") + 1
        return Diagnostic(shown, line, col, "yaml-syntax",
                          f"a tab character at line {line}, column {col}; YAML indents with"
                          " spaces only: replace the tab with spaces")
    context = f" {exc.context}" if exc.context else ""
    return Diagnostic(shown, line, col, "yaml-syntax",
                      f"{problem}{context}; expected well-formed YAML")


def _deepest_position(text: str, mark: Any) -> tuple[int, int]:
    """Where nesting first goes past ``MAX_DEPTH`` in text that libyaml refused as too
    deep at ``mark``: the pure-Python parser (no depth bound of its own, and not
    recursive) reads events up to that point and stops at the first level too many."""
    end = mark.index + 1 if mark is not None else len(text)
    depth = 0
    try:
        for event in yaml.parse(text[:end], Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                start = event.start_mark
                if depth > MAX_DEPTH and start is not None:
                    return start.line + 1, start.column + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _check_depth(text: str, shown: str) -> None:
    """Bound nesting cheaply; fall back to an exact event scan only when needed."""
    depth = deepest = 0
    for match in _FLOW_RE.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    suspicious = (
        deepest > MAX_DEPTH // 2
        # Substring tests first: they run at C speed and are almost always false.
        or ("- - - -" in text and _COMPACT_RE.search(text) is not None)
        or ("\n" + " " * 160 in text and _DEEP_INDENT_RE.search(text) is not None)
    )
    if suspicious:
        _exact_depth(text, shown)


def _exact_depth(text: str, shown: str) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    raise InvalidInputError([too_deep(shown, line, col)])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise InvalidInputError([_syntax_diagnostic(exc, shown, text)]) from None


def iter_jsonl(path: Path, errors: list[Diagnostic] | None = None
               ) -> Iterator[tuple[int, Document]]:
    """Yield (line number, document) for each non-blank line of a JSON Lines file.

    Memory stays flat: one line is held at a time.  An oversized line, bad
    encoding or invalid JSON gives a diagnostic located at that line.  Without
    ``errors`` the first one is raised; with it, each is appended there and the
    line is skipped, so one pass reports every bad line.  Only a regular file is
    read (:func:`~compliance.inputs.reading.open_regular`).
    """
    shown = str(path)
    lines = bounded_lines(open_regular(path, "a JSON Lines file"))
    number = 0
    while True:
        try:
            raw = next(lines, b"")
        except OSError as exc:
            raise InvalidInputError([Diagnostic(shown, number + 1, 1, "unreadable",
                                                f"cannot read the file ({exc.strerror})")]
                                    ) from None
        if raw == b"":
            return
        number += 1
        try:
            if raw is None:
                raise InvalidInputError(
                    [Diagnostic(shown, number, 1, "too-large",
                                f"line is longer than {MAX_JSONL_LINE_BYTES // 1024} KiB;"
                                " expected one relationship per line")]
                )
            if not raw.strip():
                continue
            try:
                text = decode(raw, shown)
            except InvalidInputError as exc:
                raise InvalidInputError(
                    [Diagnostic(d.path, number, d.col, d.code, d.message)
                     for d in exc.diagnostics]
                ) from None
            # Without its line break, a syntax error at the end of a line is
            # reported on that line rather than the next.
            doc = load_json_text(text.rstrip("\r\n"), shown, line_offset=number - 1)
        except InvalidInputError as exc:
            if errors is None:
                raise
            errors.extend(exc.diagnostics)
            continue
        yield number, doc
