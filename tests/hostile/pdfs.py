"""Small hand-made PDFs, valid and hostile, written byte by byte (no PDF library).

Each function returns the bytes of a whole file: a page of text, one page listed
thousands of times, a decompression bomb, megabytes of page content in a few
kilobytes, a page tree that loops or nests thousands deep.
"""

from __future__ import annotations

import zlib

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
         b" /Resources << /Font << /F1 5 0 R >> >> >>")


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1, the first the catalogue) with its xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref))
    return bytes(out)


def stream(data: bytes, *, compress: bool = False) -> bytes:
    """A stream object, Flate-compressed if asked."""
    if compress:
        data = zlib.compress(data, 9)
        return (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
                + b"\nendstream")
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _escape(text: str) -> bytes:
    return text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(
        b")", b"\\)")


def text_page(text: str) -> bytes:
    """One page showing ``text`` on one line."""
    content = b"BT /F1 12 Tf 72 720 Td (" + _escape(text) + b") Tj ET"
    return pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                stream(content), _FONT])


def one_page_listed(times: int) -> bytes:
    """A page tree listing the same page ``times`` times (600 KB for 99,000)."""
    kids = b" ".join(b"3 0 R" for _ in range(times))
    return pdf([_CATALOG, b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % times,
                _PAGE, stream(b"BT /F1 12 Tf 72 720 Td (word) Tj ET", compress=True), _FONT])


def bomb(megabytes: int) -> bytes:
    """A page whose content stream inflates to ``megabytes`` MB of spaces."""
    return pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                stream(b" " * (megabytes << 20), compress=True), _FONT])


def dense(megabytes: int) -> bytes:
    """A page with ``megabytes`` MB of text operators, compressed to a few kilobytes."""
    unit = b"BT /F1 12 Tf 72 720 Td (word) Tj ET\n"
    return pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                stream(unit * ((megabytes << 20) // len(unit)), compress=True), _FONT])


def looping_tree() -> bytes:
    """A page tree that lists itself among its kids."""
    return pdf([_CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", _PAGE,
                stream(b"BT (x) Tj ET"), _FONT])


def deep_tree(levels: int) -> bytes:
    """A page tree ``levels`` nodes deep above its one page."""
    objects = [_CATALOG]
    for level in range(levels):
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (level + 3))
    objects.append(b"<< /Type /Page /MediaBox [0 0 612 792] /Contents %d 0 R >>"
                   % (levels + 3))
    objects.append(stream(b"BT (x) Tj ET"))
    return pdf(objects)
