"""Build plain data from composed YAML nodes: safe values only, any tag refused, aliases bounded.

:func:`compliance.inputs.documents.load_yaml_text` composes a document with
:data:`Loader` (the safe loader, with YAML 1.2's booleans), checks what its aliases
expand to (:func:`check_expansion`) and builds it with :class:`Builder`, which
collects every problem: duplicate keys, keys that are not plain values, tags on
values, lists or mappings (merged ones included), control characters however they
were escaped, and nesting past :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml

from compliance.errors import Diagnostic, InvalidInputError
from compliance.inputs.reading import bad_character

if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:
    # libyaml is the fast path; the pure loader gives the same results.
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOOL_TAG = "tag:yaml.org,2002:bool"


class Loader(_Base):
    """The safe loader with YAML 1.2's booleans: only ``true``/``false`` (any case form).

    Editors' YAML language servers read YAML 1.2, where ``yes``, ``no``, ``on`` and
    ``off`` are text; reading them the same way means ``country: NO`` is Norway in
    the tool as in the editor, and yes/no facts accept the words (``models.common.Bool``).
    """

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


Loader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))

MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences accepted."""
MAX_EXPANDED_NODES = 2_000_000
"""Bound on nodes after alias expansion, against 'billion laughs' documents."""

_STR_TAG = "tag:yaml.org,2002:str"
_YAML_TAGS = "tag:yaml.org,2002:"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


def too_deep(shown: str, line: int, col: int) -> Diagnostic:
    message = f"nesting is deeper than {MAX_DEPTH} levels; expected a case or rule document"
    return Diagnostic(shown, line, col, "too-deep", message)


def check_expansion(root: yaml.Node, shown: str) -> None:
    """Refuse documents whose aliases expand past ``MAX_EXPANDED_NODES`` values or nest
    past ``MAX_DEPTH`` levels (the builder reuses an alias's data, so only the
    expanded tree shows how deep it is).  Walked without recursion."""
    sizes: dict[int, tuple[int, int]] = {}  # node -> (values, levels of collections)
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if not children_done:
            if id(node) in sizes:
                continue
            sizes[id(node)] = (1, 0)  # a cycle counts once; recursive aliases are refused later
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(_children(node)))
            continue
        total, height = 1, 0
        for child in _children(node):
            values, levels = sizes[id(child)]
            total += values
            height = max(height, levels)
        if not isinstance(node, yaml.ScalarNode):
            height += 1
        sizes[id(node)] = (total, height)
        if total > MAX_EXPANDED_NODES:
            mark = node.start_mark
            raise InvalidInputError(
                [Diagnostic(shown, mark.line + 1, mark.column + 1, "alias-bomb",
                            f"aliases expand to more than {MAX_EXPANDED_NODES:,} values;"
                            " expected a document without exponential alias nesting")]
            )
    if sizes[id(root)][1] > MAX_DEPTH:
        node, depth = root, 0
        while depth < MAX_DEPTH:  # the first collection at the first level too many
            node = next(c for c in _children(node) if sizes[id(c)][1] > MAX_DEPTH - depth - 1)
            depth += 1
        mark = node.start_mark
        raise InvalidInputError([too_deep(shown, mark.line + 1, mark.column + 1)])


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class Builder:
    """Turn composed nodes into plain data, collecting duplicate keys and odd tags."""

    def __init__(self, shown: str, syntax: Callable[[yaml.MarkedYAMLError], Diagnostic], *,
                 shared_nodes: bool = True) -> None:
        self.shown = shown
        self._syntax = syntax  # the located yaml-syntax diagnostic of a parser error
        self.diagnostics: list[Diagnostic] = []
        self._loader = Loader("")
        self._memo: dict[int, Any] = {}
        self._shared = shared_nodes
        self._active: set[int] = set()
        self._too_deep = False
        self._reported: set[tuple[int, str]] = set()
        self._scalars: dict[str, Callable[[Any, yaml.Node], Any]] = dict(
            self._loader.yaml_constructors  # type: ignore[arg-type]
        )

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        """Plain data for ``node``; nesting past ``MAX_DEPTH`` is refused here, where
        it is exact (the text scan before parsing only guards libyaml's C stack)."""
        ident = id(node)
        if ident in self._memo:
            return self._memo[ident]
        if ident in self._active:
            self._error(node, "recursive-alias", "an alias refers to itself; expected a tree")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if node.tag not in _COLLECTION_TAGS:
            self._tag_error(node)
            return None
        if depth >= MAX_DEPTH:
            if not self._too_deep:
                mark = node.start_mark
                self._too_deep = True
                self.diagnostics.append(too_deep(self.shown, mark.line + 1, mark.column + 1))
            return None
        self._active.add(ident)
        try:
            if isinstance(node, yaml.SequenceNode):
                value: Any = [self.build(item, depth + 1) for item in node.value]
            elif isinstance(node, yaml.MappingNode):
                value = self._mapping(node, depth)
            else:  # pragma: no cover - composer yields only these three
                value = None
        finally:
            self._active.discard(ident)
        if self._shared:  # only anchored nodes can be reached twice
            self._memo[ident] = value
        return value

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value: Any = node.value
        if node.tag != _STR_TAG:
            constructor = self._scalars.get(node.tag)
            if constructor is None or node.tag.endswith((":binary", ":set", ":omap", ":pairs")):
                self._tag_error(node)
                return None
            # A date-shaped scalar that is no calendar date (2017-02-30) keeps its
            # text, so validation reports it where a date is expected, with the rest.
            with contextlib.suppress(ValueError, OverflowError):
                value = constructor(self._loader, node)
        if isinstance(value, str) and not (value.isascii() and value.isprintable()):
            # Escapes in double quotes (\0, \e, \x9b) make characters that libyaml
            # refuses when written raw: refuse them the same way, wherever they are.
            problem = bad_character(value)
            if problem is not None:
                self._error(node, problem[0], f"the text {problem[1]}")
        return value

    def _tag_error(self, node: yaml.Node) -> None:
        # A tag on a list or mapping would otherwise be dropped without a word (and
        # the payload carried on, e.g. into the case file attached to a report).
        tag = node.tag.replace(_YAML_TAGS, "!!", 1)  # as written: !!set, not its full URI
        tag = tag if len(tag) <= 80 else tag[:77] + "..."
        self._error(node, "yaml-tag", f"tag '{tag}' is not allowed; expected plain values")

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        if any(k.tag == _MERGE_TAG for k, _ in node.value):
            if not self._merge_sources_plain(node):
                return {}
            try:
                self._loader.flatten_mapping(node)
            except yaml.MarkedYAMLError as exc:  # '<<' given something other than mappings
                self.diagnostics.append(self._syntax(exc))
                return {}
        out: dict[Any, Any] = {}
        first_seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node, "invalid-key", "a mapping key must be a plain value")
                continue
            key = node_key = self._scalar(key_node)
            if not isinstance(key, str):
                key = str(key_node.value)
                if isinstance(node_key, bool):
                    self._error(key_node, "invalid-key",
                                f"key {key_node.value!r} reads as a boolean in YAML;"
                                f" quote it, e.g. '{key_node.value}':")
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                self._error(key_node, "duplicate-key",
                            f"key '{key}' appears twice in this mapping (first at line {line});"
                            " expected each key once")
                continue
            first_seen[key] = key_node
            out[key] = self.build(value_node, depth + 1)
        return out

    def _merge_sources_plain(self, node: yaml.MappingNode) -> bool:
        """Whether every mapping merged into ``node`` (and into those) has no tag:
        merging keeps their entries but drops their tags, so they are checked first."""
        stack = [v for k, v in node.value if k.tag == _MERGE_TAG]
        seen: set[int] = set()
        plain = True
        while stack:
            source = stack.pop()
            if id(source) in seen or isinstance(source, yaml.ScalarNode):
                continue
            seen.add(id(source))
            if source.tag not in _COLLECTION_TAGS:
                self._tag_error(source)
                plain = False
            elif isinstance(source, yaml.SequenceNode):
                stack.extend(source.value)
            elif isinstance(source, yaml.MappingNode):
                stack.extend(v for k, v in source.value if k.tag == _MERGE_TAG)
        return plain

    def _error(self, node: yaml.Node, code: str, message: str) -> None:
        if (id(node), code) in self._reported:  # a node reached twice (alias, merge)
            return
        self._reported.add((id(node), code))
        mark = node.start_mark
        self.diagnostics.append(
            Diagnostic(self.shown, mark.line + 1, mark.column + 1, code, message)
        )
