"""Output paths: a report (or schema) must never replace a link, a device or a pipe,
never lose a file that exists, and never leave a partial or temporary file."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from tests.hostile.corpus import CASE, Entry, both, mkdir, mkfifo
from tests.hostile.corpus import symlink as link

OLD = "the report from before\n"
"""What an existing output file holds; it must survive every refusal."""


def report(target: str, *flags: str) -> tuple[str, ...]:
    return ("report", "case.yaml", "-f", "html", "-o", target, *flags)


def _unchanged(name: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        assert (folder / name).read_text() == OLD, f"{name} was replaced"
    return check


def _still_link(name: str, target: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        assert (folder / name).is_symlink(), f"{name} is no longer a link"
        assert os.readlink(folder / name) == target
    return check


def _still_fifo(name: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        assert stat.S_ISFIFO((folder / name).lstat().st_mode), f"{name} is no longer a pipe"
    return check


def _written(name: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        assert (folder / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    return check


def _absent(*names: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        for name in names:
            assert not os.path.lexists(folder / name), f"{name} was created"
    return check


def _refused(name: str, args: tuple[str, ...], message: str, **extra: object) -> Entry:
    return Entry(f"output/{name}", args, 2, (f"error: {message}",),
                 files={"case.yaml": CASE, **extra.pop("files", {})},  # type: ignore[dict-item]
                 **extra)  # type: ignore[arg-type]


LONG = "r" * 250 + ".html"
TOO_LONG = "r" * 251 + ".html"
NOT_REGULAR = "exists and is not a regular file (a link, device or pipe); refusing to replace it"

OUTPUT = [
    Entry("output/new-folder-is-made", report("deep/er/out.html"), 0, (),
          files={"case.yaml": CASE}, stdout_has=("deep/er/out.html",),
          after=_written("deep/er/out.html")),
    Entry("output/name-of-255-characters", report(LONG), 0, (), files={"case.yaml": CASE},
          stdout_has=(LONG,), after=_written(LONG)),
    _refused("name-of-256-characters", report(TOO_LONG),
             f"cannot write {TOO_LONG} (the file name is too long)"),
    _refused("under-a-file", report("notes.txt/out.html"),
             "cannot write notes.txt/out.html (not a directory)",
             files={"notes.txt": OLD}, after=_unchanged("notes.txt")),
    _refused("exists", report("out.html"), "out.html already exists; pass --force to"
             " overwrite it", files={"out.html": OLD}, after=_unchanged("out.html")),
    Entry("output/exists-with-force", report("out.html", "--force"), 0, (),
          files={"case.yaml": CASE, "out.html": OLD}, stdout_has=("out.html",),
          after=_written("out.html")),
    _refused("link-to-a-file", report("out.html"), f"out.html {NOT_REGULAR}",
             files={"kept.html": OLD}, setup=link("out.html", "kept.html"),
             after=both(_unchanged("kept.html"), _still_link("out.html", "kept.html"))),
    _refused("link-to-a-file-with-force", report("out.html", "--force"),
             f"out.html {NOT_REGULAR}", files={"kept.html": OLD},
             setup=link("out.html", "kept.html"),
             after=both(_unchanged("kept.html"), _still_link("out.html", "kept.html"))),
    _refused("dangling-link", report("out.html"), f"out.html {NOT_REGULAR}",
             setup=link("out.html", "elsewhere.html"),
             after=both(_still_link("out.html", "elsewhere.html"), _absent("elsewhere.html"))),
    _refused("dangling-link-with-force", report("out.html", "--force"),
             f"out.html {NOT_REGULAR}", setup=link("out.html", "elsewhere.html"),
             after=both(_still_link("out.html", "elsewhere.html"), _absent("elsewhere.html"))),
    _refused("fifo", report("out.html"), f"out.html {NOT_REGULAR}", setup=mkfifo("out.html"),
             after=_still_fifo("out.html")),
    _refused("fifo-with-force", report("out.html", "--force"), f"out.html {NOT_REGULAR}",
             setup=mkfifo("out.html"), after=_still_fifo("out.html")),
    _refused("device-with-force", report("/dev/null", "--force"), f"/dev/null {NOT_REGULAR}"),
    _refused("a-folder", report("out"), "out is a directory; give a file path with -o",
             setup=mkdir("out")),
    _refused("the-current-folder", report("."), ". is a directory; give a file path with -o"),
    _refused("reports-is-a-file", ("report", "case.yaml", "-f", "html"),
             "cannot write reports/hostile-2017-10-02.html (not a directory)",
             files={"reports": OLD},
             after=_unchanged("reports")),
    _refused("read-only-folder", report("ro/out.html"),
             "cannot write in ro (read-only file system)", setup=mkdir("ro"),
             readonly=("ro",), after=_absent("ro/out.html")),
    _refused("read-only-folder-with-force", report("ro/out.html", "--force"),
             "cannot write in ro (read-only file system)", files={"ro/out.html": OLD},
             readonly=("ro",), after=_unchanged("ro/out.html")),
    _refused("full-disk", report("full/out.html"),
             "cannot write full/out.html (no space left on device)", setup=mkdir("full"),
             full=("full",), after=_absent("full/out.html")),
    _refused("schema-to-a-link", ("schema", "case", "-o", "schema.json"),
             f"schema.json {NOT_REGULAR}", files={"kept.json": OLD},
             setup=link("schema.json", "kept.json"),
             after=both(_unchanged("kept.json"), _still_link("schema.json", "kept.json"))),
    _refused("schema-to-a-fifo", ("schema", "case", "-o", "schema.json"),
             f"schema.json {NOT_REGULAR}", setup=mkfifo("schema.json"),
             after=_still_fifo("schema.json")),
]
