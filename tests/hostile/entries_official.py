"""Hostile official texts for ``rules verify-quotes``: .txt and .pdf files, and folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from compliance.inputs.documents import load_yaml_text
from compliance.models.rules import RuleSpec
from tests.hostile import pdfs
from tests.hostile.corpus import Entry, mkfifo, summary
from tests.hostile.corpus import symlink as link
from tests.hostile.entries_rules import RULE, SHOWN

_SPEC = RuleSpec.model_validate(load_yaml_text(RULE, SHOWN).data)
QUOTE = next(t.text for t in _SPEC.provision.texts if t.kind == "quote" and t.language == "en")
"""The rule's English quote (the French one has no official text in these folders)."""
TXT = "off/S_RES_2375(2017).txt"
PDF = "off/S_RES_2375(2017).pdf"
VERIFY = ("rules", "verify-quotes", "-r", SHOWN, "--official", "off")
EXPECTED = "an official text (.txt or .pdf)"


def _pdf(data: Callable[[], bytes]) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        (folder / "off").mkdir(exist_ok=True)
        (folder / PDF).write_bytes(data())
    return setup


def _refused(name: str, shown: str, code: str, message: str, **extra: object) -> Entry:
    return Entry(f"{name}", VERIFY, 2, (f"{shown}:1:1: error[{code}]: {message}", summary(1, 1)),
                 files={SHOWN: RULE, "off/README": "official texts\n",
                        **extra.pop("files", {})},  # type: ignore[dict-item]
                 **extra)  # type: ignore[arg-type]


def _sparse(size: int) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        (folder / "off").mkdir(exist_ok=True)
        with (folder / TXT).open("wb") as handle:
            handle.truncate(size)
    return setup


OFFICIAL = [
    _refused("limits/official-txt-fifo", TXT, "not-a-file",
             f"this is a named pipe (FIFO), not a regular file; expected {EXPECTED}",
             setup=mkfifo(TXT)),
    _refused("limits/official-txt-dev-zero", TXT, "not-a-file",
             f"this is a character device, not a regular file; expected {EXPECTED}",
             setup=link(TXT, "/dev/zero")),
    _refused("limits/official-pdf-dev-urandom", PDF, "not-a-file",
             f"this is a character device, not a regular file; expected {EXPECTED}",
             setup=link(PDF, "/dev/urandom")),
    _refused("limits/official-txt-5-mb", TXT, "too-large",
             "file is 5.2 MB; the limit is 4 MB per document", setup=_sparse(5 << 20)),
    Entry("malformed/official-txt-latin-1", VERIFY, 2, (
        f"{TXT}:1:2: error[encoding]: byte 0xe9 is not valid UTF-8; expected UTF-8 text",
        summary(1, 1)), files={SHOWN: RULE, TXT: "D\xe9cide".encode("latin-1")}),
    _refused("malformed/official-txt-binary", TXT, "binary",
             "file contains a NUL byte; expected UTF-8 text", files={TXT: b"\x00\x01"}),
    _refused("limits/official-pdf-one-page-listed-99000-times", PDF, "too-large",
             "the PDF has more than 1,000 pages; expected an official text (give it as .txt)",
             setup=_pdf(lambda: pdfs.one_page_listed(99_000))),
    _refused("limits/official-pdf-4-mb-of-content", PDF, "too-large",
             "the PDF's pages hold more than 2 MB of content; expected an official text (give"
             " it as .txt)", setup=_pdf(lambda: pdfs.dense(4))),
    _refused("crash/official-pdf-decompression-bomb", PDF, "unreadable",
             "cannot read the PDF (LimitReachedError: Limit reached while decompressing."
             " 29026 bytes remaining.)", setup=_pdf(lambda: pdfs.bomb(100))),
    _refused("crash/official-pdf-page-tree-loop", PDF, "unreadable",
             "the PDF's page tree lists a node twice; expected an official text (give it as"
             " .txt)",
             setup=_pdf(pdfs.looping_tree)),
    _refused("crash/official-pdf-page-tree-5000-deep", PDF, "unreadable",
             "the PDF's page tree is over 100 levels deep; expected an official text (give it"
             " as .txt)", setup=_pdf(lambda: pdfs.deep_tree(5000))),
    _refused("crash/official-pdf-empty", PDF, "unreadable",
             "cannot read the PDF (EmptyFileError: Cannot read an empty file)",
             files={PDF: b""}),
    _refused("crash/official-pdf-garbage", PDF, "unreadable",
             "cannot read the PDF (PdfStreamError: Stream has ended unexpectedly)",
             files={PDF: b"%PDF-1.4\n" + b"garbage" * 10}),
    _refused("crash/official-pdf-truncated", PDF, "unreadable",
             "cannot read the PDF (PdfStreamError: Stream has ended unexpectedly)",
             setup=_pdf(lambda: pdfs.looping_tree()[:200])),
    Entry("limits/official-pdf-with-the-quote", VERIFY, 0, (),
          files={SHOWN: RULE}, setup=_pdf(lambda: pdfs.text_page(f"18. {QUOTE}.")),
          stdout_has=("1 verbatim, 0 not verbatim",)),
    Entry("limits/official-pdf-one-word-of-200-kb", VERIFY, 1, (),
          files={SHOWN: RULE}, setup=_pdf(lambda: pdfs.text_page("w" * 200_000)),
          stdout_has=("not verbatim in off/S_RES_2375(2017).pdf", "...\n")),
    Entry("display/official-txt-with-escape-sequences", VERIFY, 1, (),
          files={SHOWN: RULE, TXT: QUOTE.replace("prohibit", "\x1b[32mprohibit\x1b]0;x\x07")},
          stdout_has=("{+\\x1b[32m", "\\x1b]0;x\\x07")),
    Entry("display/official-txt-with-bidi", VERIFY, 1, (),
          files={SHOWN: RULE, TXT: QUOTE.replace("prohibit", "\u202etibihorp")},
          stdout_has=("<U+202E>tibihorp",)),
    Entry("limits/official-folder-is-a-file", VERIFY, 2, (
        "error: --official: 'off' is not a directory of official texts",),
          files={SHOWN: RULE, "off": "not a folder\n"}),
]
