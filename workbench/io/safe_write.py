"""Writing a file so that a crash, a full disk or a bad moment never leaves it half-written.

The new content goes to a temp file in the same folder, is flushed to disk, takes the
old file's permission bits (and owner, where allowed), and replaces the old file in
one rename; the folder is then flushed so the rename itself survives a crash. A
symlink is written through to its target, and a read-only file is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from workbench.io.errors import SaveError


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace the file at ``path`` with ``data`` in one step.

    Parameters
    ----------
    path : path-like
        The file to write; a symlink is followed and its target replaced.
    data : bytes
        The whole new content.

    Returns
    -------
    Path
        The file really written (the symlink's target for a link).

    Raises
    ------
    SaveError
        When the file is read-only or its folder cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
    >>> write_atomically(target, b"hello\\n").read_text()
    'hello\\n'
    """
    target = Path(os.path.realpath(path))
    try:
        current = target.stat()
    except FileNotFoundError:
        current = None
    if current is not None and (not current.st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise SaveError(f"{Path(path).name} is read-only; nothing was written")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise SaveError(f"cannot write in {target.parent}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            _take_over(handle.fileno(), current)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


def _take_over(fd: int, current: os.stat_result | None) -> None:
    """Give the temp file the mode (and owner) of the file it replaces.

    ``mkstemp`` creates files as 0600; a new file gets the usual 0666 less the umask.
    """
    if current is None:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
        return
    if (current.st_uid, current.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, current.st_uid, current.st_gid)
        except PermissionError:
            pass  # only root may give a file away; the content still gets saved
    os.fchmod(fd, stat.S_IMODE(current.st_mode))


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry so the rename is on disk, not only the file's data."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
