"""Check that every quoted provision text appears verbatim in the official text.

Official texts are files in one directory, named after the document symbol with
``/`` replaced by ``_`` and spaces removed: ``S/RES/2375 (2017)`` is
``S_RES_2375(2017).txt`` (or ``.pdf``).  A language other than English adds its
code: ``S_RES_2375(2017).fr.txt``.  Before comparing, both sides are normalised:
typographic quotes and dashes become ASCII, non-breaking spaces become spaces,
soft hyphens go, and every run of whitespace becomes one space.  Letter case
and wording are compared exactly.
"""

from __future__ import annotations

import difflib
import io
import logging
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from compliance.errors import Diagnostic, InvalidInputError, UsageError
from compliance.inputs.documents import Document, Loc
from compliance.inputs.reading import decode, read_bytes
from compliance.models.rules import ProvisionText, RuleSpec

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ",
    "\u00ad": None, "\u200b": None, "\ufeff": None,
})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Normalise typography and whitespace for a verbatim comparison.

    >>> normalise("\u201cStates\u201d\u00a0shall\\n  prohibit \u2014 all")
    '"States" shall prohibit - all'
    """
    return _SPACE.sub(" ", text.translate(_TRANSLATE)).strip()


def official_name(instrument: str, language: str = "en") -> str:
    """The file stem for a document symbol and language.

    >>> official_name("S/RES/2375 (2017)")
    'S_RES_2375(2017)'
    >>> official_name("S/RES/2375 (2017)", "fr")
    'S_RES_2375(2017).fr'
    """
    stem = instrument.replace("/", "_").replace(" ", "")
    return stem if language == "en" else f"{stem}.{language}"


def find_official(directory: Path, instrument: str, language: str) -> Path | None:
    """The ``.txt`` or ``.pdf`` official text, matched without regard to case."""
    wanted = official_name(instrument, language).lower()
    for suffix in (".txt", ".pdf"):
        for path in sorted(directory.iterdir()):
            if path.suffix.lower() == suffix and path.name[: -len(suffix)].lower() == wanted:
                return path
    return None


MAX_OFFICIAL_BYTES = 4 * 1024 * 1024
"""Largest official-text file read (a resolution is tens of kilobytes); finding the
closest passage to a quote takes about a second per 4 MB of text."""
MAX_PDF_PAGES = 1000
"""Pages of a PDF official text read at most (a resolution has a few dozen)."""
MAX_PDF_CONTENT = 2 * 1024 * 1024
"""Bytes of (decoded) page content read at most from one PDF: pypdf extracts text at
about 0.3 MB a second, and a 12 KB file can hold megabytes of content."""
MAX_SHOWN = 300
"""Characters of a word diff or closest passage printed at most."""
_EXPECTED = "an official text (.txt or .pdf)"


def read_official(path: Path) -> str:
    """The text of an official document (.txt as UTF-8, .pdf through pypdf).

    Official texts are downloaded files, untrusted like case files: only a
    regular file of at most 32 MB is read (:mod:`compliance.inputs.reading`), and
    a PDF is read from memory within :data:`MAX_PDF_PAGES` pages and
    :data:`MAX_PDF_CONTENT` bytes of content, each page object once however often
    the page tree lists it.
    """
    data = read_bytes(path, max_bytes=MAX_OFFICIAL_BYTES, expected=_EXPECTED, hint="")
    if path.suffix.lower() == ".pdf":
        return _pdf_text(data, str(path))
    return decode(data, str(path))


def _pdf_text(data: bytes, shown: str) -> str:
    try:
        from pypdf import PdfReader
    except ModuleNotFoundError:
        raise UsageError(f"reading '{shown}' needs pypdf; install it"
                         " (pip install pypdf) or give a .txt file") from None
    # pypdf reports what it repairs through logging and warnings: not the user's concern.
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _pages_text(PdfReader(io.BytesIO(data)), shown)
    except InvalidInputError:
        raise
    except Exception as exc:  # pypdf fails on malformed files in many ways
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        raise InvalidInputError([Diagnostic(shown, 1, 1, "unreadable",
                                            f"cannot read the PDF ({reason})")]) from None
    finally:
        quiet.setLevel(level)


def _pages_at_most(reader: Any, limit: int, shown: str) -> int:
    """The number of pages in the page tree, counted only up to ``limit + 1``.

    pypdf lists every page before it says how many there are: a 600 KB file that
    lists one page 99,000 times (or a few nodes listing it 99,000 times each) takes
    seconds to minutes.  The tree is walked here first and the walk stops as soon
    as it has seen too many pages; an inner node met twice (a loop) or a tree
    deeper than 100 levels is refused on the way.
    """
    stack = [(reader.trailer["/Root"].get_object()["/Pages"].get_object(), 0)]
    seen: set[int] = set()
    pages = 0
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth > 100:
            problem = "lists a node twice" if id(node) in seen else "is over 100 levels deep"
            raise InvalidInputError([Diagnostic(shown, 1, 1, "unreadable",
                                                f"the PDF's page tree {problem}; expected an"
                                                " official text (give it as .txt)")])
        seen.add(id(node))
        for kid in node.get("/Kids", ()):
            child = kid.get_object()
            if "/Kids" in child:
                stack.append((child, depth + 1))
                continue
            pages += 1
            if pages > limit:
                return pages
    return pages


def _pages_text(reader: Any, shown: str) -> str:
    count = _pages_at_most(reader, MAX_PDF_PAGES, shown)
    if count > MAX_PDF_PAGES:
        raise InvalidInputError([Diagnostic(shown, 1, 1, "too-large",
                                            f"the PDF has more than {MAX_PDF_PAGES:,} pages;"
                                            " expected an official text (give it as .txt)")])
    texts: dict[Any, str] = {}
    content = 0
    parts = []
    for page in reader.pages:
        ref = page.indirect_reference
        key = (ref.idnum, ref.generation) if ref is not None else id(page)
        if key not in texts:
            stream = page.get_contents()
            content += len(stream.get_data()) if stream is not None else 0
            if content > MAX_PDF_CONTENT:
                raise InvalidInputError([Diagnostic(
                    shown, 1, 1, "too-large",
                    f"the PDF's pages hold more than {MAX_PDF_CONTENT / 1e6:.0f} MB of content;"
                    " expected an official text (give it as .txt)")])
            texts[key] = page.extract_text() or ""
        parts.append(texts[key])
    return "\n".join(parts)


@dataclass(frozen=True)
class QuoteCheck:
    """The outcome for one quoted text of one rule."""

    rule: str
    path: str
    line: int
    col: int
    language: str
    official: str | None
    verbatim: bool
    score: float = 0.0
    word_diff: str = ""
    closest: str = ""


@dataclass
class QuoteReport:
    """Every quote checked, plus what could not be checked."""

    checks: list[QuoteCheck] = field(default_factory=list)
    missing: list[QuoteCheck] = field(default_factory=list)
    summary_only: list[str] = field(default_factory=list)

    @property
    def mismatches(self) -> list[QuoteCheck]:
        return [c for c in self.checks if not c.verbatim]


def word_diff(expected: str, found: str) -> str:
    """Changed words as ``[-removed-]{+added+}``, with three words of context.

    >>> word_diff("states shall prohibit all", "states shall forbid all")
    'states shall [-prohibit-] {+forbid+} all'
    """
    a, b = expected.split(), found.split()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            words = a[i1:i2]
            if len(words) > 6:
                head = words[:3] if out else []
                tail = words[-3:] if i2 < len(a) else []
                words = [*head, "...", *tail] if head or tail else ["..."]
            out.extend(words)
            continue
        if i2 > i1:
            out.append(f"[-{' '.join(a[i1:i2])}-]")
        if j2 > j1:
            out.append(f"{{+{' '.join(b[j1:j2])}+}}")
    return " ".join(w for w in out if w)


def closest_passage(needle: str, haystack: str) -> tuple[str, float]:
    """The passage of ``haystack`` most like ``needle``, trimmed to whole words.

    >>> closest_passage("shall prohibit all", "x y. States shall forbid all z")
    ('shall forbid all', 76.5)
    """
    alignment = fuzz.partial_ratio_alignment(needle, haystack)
    if alignment is None:  # pragma: no cover - only for empty input
        return "", 0.0
    # Widen by a few words each side, then keep the span whose words match.
    before = haystack[: alignment.dest_start].split()[-5:]
    after = haystack[alignment.dest_end:].split()[:5]
    window = [*before, *haystack[alignment.dest_start:alignment.dest_end].split(), *after]
    matcher = difflib.SequenceMatcher(a=needle.split(), b=window, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return " ".join(window), alignment.score
    passage = " ".join(window[blocks[0].b: blocks[-1].b + blocks[-1].size])
    return passage, round(fuzz.ratio(needle, passage), 1)


def _quotes(spec: RuleSpec) -> list[tuple[Loc, ProvisionText]]:
    found: list[tuple[Loc, ProvisionText]] = [
        (("provision", "texts", i, "text"), t) for i, t in enumerate(spec.provision.texts)]
    for group in ("carve_outs", "exemptions"):
        for i, route in enumerate(getattr(spec, group)):
            if route.text is not None:
                found.append(((group, i, "text", "text"), route.text))
    return [(loc, t) for loc, t in found if t.kind == "quote"]


def verify_quotes(specs: Sequence[tuple[RuleSpec, Document]], official_dir: Path) -> QuoteReport:
    """Check every quote of every rule against the official texts in ``official_dir``."""
    if not official_dir.is_dir():
        raise UsageError(f"--official: '{official_dir}' is not a directory of official texts")
    report = QuoteReport()
    texts: dict[Path, str] = {}
    for spec, doc in sorted(specs, key=lambda item: item[0].id):
        quotes = _quotes(spec)
        if not quotes:
            report.summary_only.append(spec.id)
        for loc, quote in quotes:
            line, col = doc.locate(loc)
            path = find_official(official_dir, spec.provision.instrument, quote.language)
            if path is None:
                name = official_name(spec.provision.instrument, quote.language) + ".txt"
                report.missing.append(QuoteCheck(spec.id, doc.path, line, col, quote.language,
                                                 str(official_dir / name), False))
                continue
            if path not in texts:
                texts[path] = normalise(read_official(path))
            needle = normalise(quote.text)
            if needle in texts[path]:
                report.checks.append(QuoteCheck(spec.id, doc.path, line, col, quote.language,
                                                str(path), True, 100.0))
                continue
            passage, score = closest_passage(needle, texts[path])
            report.checks.append(QuoteCheck(spec.id, doc.path, line, col, quote.language,
                                            str(path), False, score,
                                            word_diff(needle, passage), passage))
    return report


def render_report(report: QuoteReport) -> list[str]:
    """Mismatches in the ``path:line:col:`` convention, then what was not checked."""
    lines: list[str] = []
    for c in report.mismatches:
        lines += [f"{c.path}:{c.line}:{c.col}: error[quote-not-verbatim]: {c.rule}:"
                  f" the {c.language} quote is not verbatim in {c.official}"
                  f" ({c.score:.0f}% similar to the closest passage)",
                  f"    word diff: {_shortened(c.word_diff)}",
                  f"    closest passage: {_shortened(c.closest)}"]
    for c in report.missing:
        lines.append(f"{c.path}:{c.line}:{c.col}: note[missing-official]: {c.rule}: no official"
                     f" {c.language} text to check against; expected {c.official} (or .pdf)")
    for rule in report.summary_only:
        lines.append(f"note[unverified-text]: {rule}: only summaries, no verified quote")
    ok = sum(1 for c in report.checks if c.verbatim)
    noun = "quote" if len(report.checks) == 1 else "quotes"
    lines.append(f"{len(report.checks)} {noun} checked: {ok} verbatim,"
                 f" {len(report.mismatches)} not verbatim; {len(report.missing)} without an"
                 f" official text; {len(report.summary_only)} rules with summaries only.")
    return lines


def _shortened(text: str) -> str:
    """At most :data:`MAX_SHOWN` characters: an official text can hold one word of
    megabytes, and the closest passage is printed whole words at a time."""
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 3] + "..."
