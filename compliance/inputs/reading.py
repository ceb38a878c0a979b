"""Read input files safely: regular files only, never blocking, never past a size bound.

Every input the tool reads (case, JSON Lines, rule, rule-test and official-text
files) comes through :func:`open_regular`: it refuses anything but a regular file
(a folder, a named pipe that would block forever, ``/dev/zero`` that never ends, a
socket) before and after opening, opens without blocking, and checks the size on
the open descriptor, so a file swapped for a pipe in between is refused too.
Reads stop one byte past the bound, so a file that grows while it is read cannot
exhaust memory either.  Folder walks (:func:`regular_files`) list only regular
files and never follow symbolic links, so they cannot loop or leave the folder.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from compliance.errors import Diagnostic, InvalidInputError

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
"""Largest YAML, JSON or official-text file accepted; bulk data goes in JSON Lines."""
MAX_JSONL_LINE_BYTES = 1024 * 1024
BULK_HINT = " (put bulk relationships in a JSON Lines file instead)"
_CHUNK = 1024 * 1024
_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Characters refused in any text value: C0 controls except tab and line breaks, DEL,
C1 controls and lone surrogates (which are not characters at all)."""


def open_regular(path: Path, expected: str = "a YAML or JSON file") -> int:
    """Open ``path`` for reading without blocking; refuse anything but a regular file.

    Returns the descriptor (the caller closes it).  The type is checked on the
    path first, so a device is not even opened, and again on the descriptor,
    which is what will be read.
    """
    shown = str(path)
    try:
        _refuse_special(shown, os.stat(path).st_mode, expected)
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise InvalidInputError([unreadable(shown, exc)]) from None
    try:
        _refuse_special(shown, os.fstat(fd).st_mode, expected)
        os.set_blocking(fd, True)  # a regular file: reads never wait on a writer
    except BaseException:
        os.close(fd)
        raise
    return fd


def _refuse_special(shown: str, mode: int, expected: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    message = f"this is {kind}, not a regular file; expected {expected}"
    raise InvalidInputError([Diagnostic(shown, 1, 1, "not-a-file", message)])


def read_bytes(path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES,
               expected: str = "a YAML or JSON file", hint: str = BULK_HINT) -> bytes:
    """The contents of a regular file of at most ``max_bytes`` bytes."""
    shown = str(path)
    fd = open_regular(path, expected)
    try:
        size = os.fstat(fd).st_size
        if size > max_bytes:
            raise InvalidInputError([too_large(shown, size, max_bytes, hint)])
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:  # one byte past the bound tells a file that grew
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InvalidInputError([unreadable(shown, exc)]) from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise InvalidInputError([too_large(shown, total, max_bytes, hint)])
    return b"".join(chunks)


def read_text(path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES,
              expected: str = "a YAML or JSON file") -> str:
    """Read a UTF-8 text file, refusing special, oversized, binary or mis-encoded input."""
    return decode(read_bytes(path, max_bytes=max_bytes, expected=expected), str(path))


def unreadable(shown: str, exc: OSError) -> Diagnostic:
    """The diagnostic for a file the system refuses to open or read."""
    return Diagnostic(shown, 1, 1, "unreadable", f"cannot read the file ({exc.strerror})")


def too_large(shown: str, size: int, limit: int, hint: str = BULK_HINT) -> Diagnostic:
    """The diagnostic for a file over the size bound."""
    return Diagnostic(
        shown, 1, 1, "too-large",
        f"file is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB per document{hint}",
    )


def decode(raw: bytes, shown: str) -> str:
    """Decode UTF-8 bytes, locating the first NUL byte or invalid sequence."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = position(raw, nul)
        raise InvalidInputError(
            [Diagnostic(shown, line, col, "binary",
                        "file contains a NUL byte; expected UTF-8 text")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = position(raw, exc.start)
        raise InvalidInputError(
            [Diagnostic(shown, line, col, "encoding",
                        f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; expected UTF-8 text")]
        ) from None
    return text.removeprefix("\ufeff")


def position(raw: bytes | str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of ``offset`` in ``raw``."""
    if isinstance(raw, bytes):
        return raw.count(b"\n", 0, offset) + 1, offset - raw.rfind(b"\n", 0, offset)
    return raw.count("\n", 0, offset) + 1, offset - raw.rfind("\n", 0, offset)


def bad_character(text: str) -> tuple[str, str] | None:
    """(code, what is wrong) for the first refused character of ``text``, or ``None``.

    >>> bad_character("KPTC"), bad_character("tab\\tand\\nline")
    (None, None)
    >>> bad_character("\\x1b[32mAll clear")[0]
    'control-character'
    """
    if text.isascii() and text.isprintable():
        return None
    found = _BAD_CHAR.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return ("encoding", f"contains U+{code:04X}, half of a surrogate pair and not a"
                            " character; expected valid Unicode text")
    return ("control-character", f"contains the control character U+{code:04X}; expected"
                                 " printable text (tabs and line breaks are allowed)")


def bounded_lines(fd: int, limit: int = MAX_JSONL_LINE_BYTES) -> Iterator[bytes | None]:
    """Yield each line of an open file, or ``None`` for a line over ``limit`` (skipped
    unread, in bounded chunks).  Closes ``fd`` when done."""
    with os.fdopen(fd, "rb") as handle:
        while True:
            raw: bytes = handle.readline(limit + 1)
            if not raw:
                return
            if len(raw) > limit and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):
                    raw = handle.readline(limit + 1)
                yield None
                continue
            yield raw


def regular_files(folder: Path, suffixes: Iterable[str], *, fold_case: bool = False,
                  skip: Callable[[str], bool] | None = None,
                  skipped: list[Path] | None = None) -> list[Path]:
    """The regular files under ``folder`` whose names end in one of ``suffixes`` (in
    any letter case with ``fold_case``), leaving out folders whose name ``skip`` accepts.

    Symbolic links are skipped, files and folders alike: a walk never loops and
    never leaves ``folder``.  Named pipes, devices and sockets are skipped too; those
    with a wanted name are appended to ``skipped`` if given (to say so).
    """
    wanted = tuple(suffixes)
    found: list[Path] = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if skip is None or not skip(d))
        for name in files:
            path = Path(top) / name
            if (path.suffix.lower() if fold_case else path.suffix) not in wanted:
                continue
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode):
                found.append(path)
            elif skipped is not None:
                skipped.append(path)
    if skipped is not None:
        skipped.sort()
    return sorted(found)
