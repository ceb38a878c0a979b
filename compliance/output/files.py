"""Write an output file atomically, never losing what is already there.

The data goes to a temporary file in the target's folder, is flushed to disk,
and only then takes the target's name.  Without ``force`` the name is taken with
an exclusive hard link, so two writers cannot both think they created the file
(no check-then-rename race); with ``force`` it replaces a regular file only,
never a directory, device, pipe or symbolic link.  The temporary file is
removed on every path out, interrupts included.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from compliance.errors import OutputError


def write_output(path: str | Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path``; raise :class:`OutputError` with the reason otherwise."""
    path = Path(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {folder} ({_reason(exc)})") from None
    check_target(path, force)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".compliance-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder} ({_reason(exc)})") from None
    try:
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            if force:
                os.replace(tmp, path)
            else:
                _link_exclusive(tmp, path)
            _sync_folder(folder)
        except OSError as exc:
            raise OutputError(f"cannot write {path} ({_reason(exc)})") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def check_target(path: Path, force: bool) -> None:
    """Raise :class:`OutputError` unless ``path`` may be written: it does not exist, or it
    is a regular file and ``force`` is set.  Never raises anything else (a name too long
    for the file system is an :class:`OutputError` too)."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({_reason(exc)})") from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path} is a directory; give a file path with -o")
    if not stat.S_ISREG(mode):
        raise OutputError(f"{path} exists and is not a regular file (a link, device or pipe);"
                          " refusing to replace it")
    if not force:
        raise OutputError(f"{path} already exists; pass --force to overwrite it")


def _link_exclusive(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise OutputError(f"{path} already exists; pass --force to overwrite it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: claim the name exclusively, then replace it.
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise OutputError(f"{path} already exists; pass --force to overwrite it") from None
        os.replace(tmp, path)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder that cannot be opened for reading
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return (exc.strerror or str(exc)).lower()
