"""Atomic output (compliance.output.files): flushed to disk before the name is taken, the
name taken exclusively, and the temporary file gone whatever happens."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from compliance.errors import OutputError
from compliance.output import files


class _RecordingOs:
    """``os`` as output.files sees it, recording the calls that order a durable write."""

    def __init__(self, fail: str | None = None) -> None:
        self.calls: list[str] = []
        self.fail = fail

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if name not in ("fsync", "link", "replace"):
            return real

        def call(*args: Any) -> Any:
            target = args[0]
            kind = "dir" if isinstance(target, int) and stat.S_ISDIR(os.fstat(target).st_mode) \
                else "file"
            self.calls.append(f"{name} {kind}" if name == "fsync" else name)
            if name == self.fail:
                raise OSError(28, "No space left on device")
            return real(*args)

        return call


@pytest.mark.parametrize("force", [False, True], ids=["new", "force"])
def test_data_and_folder_reach_the_disk_around_the_rename(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool) -> None:
    recorder = _RecordingOs()
    monkeypatch.setattr(files, "os", recorder)
    if force:
        (tmp_path / "out.pdf").write_bytes(b"old")
    files.write_output(tmp_path / "out.pdf", b"new", force=force)
    name = "replace" if force else "link"
    assert recorder.calls == ["fsync file", name, "fsync dir"]
    assert (tmp_path / "out.pdf").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


@pytest.mark.parametrize("step", ["fsync", "link"])
def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       step: str) -> None:
    monkeypatch.setattr(files, "os", _RecordingOs(fail=step))
    with pytest.raises(OutputError, match="no space left on device"):
        files.write_output(tmp_path / "out.pdf", b"data")
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Interrupting(_RecordingOs):
        def __getattr__(self, name: str) -> Any:
            if name == "fsync":
                def interrupt(_fd: int) -> None:
                    raise KeyboardInterrupt
                return interrupt
            return super().__getattr__(name)

    monkeypatch.setattr(files, "os", Interrupting())
    with pytest.raises(KeyboardInterrupt):
        files.write_output(tmp_path / "out.pdf", b"data")
    assert list(tmp_path.iterdir()) == []


def test_the_name_is_taken_exclusively(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that appears between the check and the write is not replaced."""
    target = tmp_path / "out.pdf"
    real_check = files.check_target

    def late(path: Path, force: bool) -> None:
        real_check(path, force)
        path.write_bytes(b"someone else's")

    monkeypatch.setattr(files, "check_target", late)
    with pytest.raises(OutputError, match="already exists"):
        files.write_output(target, b"mine")
    assert target.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
