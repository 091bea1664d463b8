"""Transactional output: one file, or a set of files, replaces what was there completely or not at all.

``write_set(folder, {name: data})`` (the build's five outputs):

1. *Stage*: every file is written into a hidden staging folder inside ``folder`` (same file
   system, so renames are atomic), flushed and fsynced, with normal permissions (0666 less
   the umask, as any new file). The previous outputs are untouched; an error or a signal here
   removes the staging folder and leaves the previous set as it was.
2. *Commit*: a journal naming the staged files is written atomically; from then on the new set
   is committed. The previous files are hard-linked into the staging folder (the rollback copy),
   then each staged file is renamed over its target. An error here renames the previous files
   back (roll back); SIGINT/SIGTERM/SIGHUP are held until the commit is done, then take effect.
3. *Clean up*: journal and staging folder are removed.

A process killed outright (SIGKILL, power loss) is repaired by :func:`recover`, which every
``write_set`` and the dashboard's loader run first: with a journal the commit is completed
(roll forward), without one the staging folder is removed (roll back). Readers never see a mix.

``write_atomic(path, data)`` and ``atomic_file(path)`` do the same for one file (temporary file in
the same folder, fsync, rename). ``check_output_folder`` / ``check_output_file`` test a path
before any work starts. ``json_line`` and ``csv_cell`` make values safe for JSON lines and CSV.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from pipeline.errors import InputError

STAGING_PREFIX = ".conflictmap-staging-"  # hidden folder of a set being written
JOURNAL_NAME = ".conflictmap-commit.json"  # present only while a set is being renamed into place
ROLLBACK_DIR = "previous"  # inside the staging folder: hard links to the files being replaced
TEMP_SUFFIX = ".tmp"
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
# characters ``str.splitlines`` breaks on that ``json.dumps(ensure_ascii=False)`` leaves raw
_JSON_LINE_ESCAPES = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SURROGATE = re.compile("[\ud800-\udfff]")
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: a cell starting so is read as a formula


class Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived while files were being written (the exit code is 128 + signal)."""


# -- permissions, fsync, signals ---------------------------------------------------------------
def _umask() -> int:
    """The process umask, read without changing it where the system tells (Linux), else set and restored."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _file_mode() -> int:
    """The mode a new file gets from ``open``: 0666 less the process umask."""
    return 0o666 & ~_umask()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _raise_terminated(signum: int, frame: object) -> None:
    del frame
    raise Terminated(128 + signum)


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """Inside the block SIGTERM and SIGHUP raise ``Terminated`` (as SIGINT raises KeyboardInterrupt).

    So a signal unwinds through the writer's clean-up instead of killing the process with its
    temporary files in place. Only the main thread can set handlers; elsewhere nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        handler = signal.getsignal(signum)
        if handler in (signal.SIG_DFL, None):  # an ignored or custom handler is left as it is
            previous[signum] = signal.signal(signum, _raise_terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP for the block: the commit finishes, then the signal takes effect.

    The handlers record the signal instead of acting (a signal mask would not do: a library's
    worker thread may receive a process signal, and Python then runs the handler anyway).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    previous = {}
    for signum in _HELD_SIGNALS:
        handler = signal.getsignal(signum)
        if handler in (signal.SIG_DFL, signal.default_int_handler, _raise_terminated, None):
            previous[signum] = signal.signal(signum, lambda number, frame: arrived.append(number))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if arrived:
        if arrived[0] == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated(128 + arrived[0])


def _encode(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


# -- one file ----------------------------------------------------------------------------------
@contextlib.contextmanager
def atomic_file(path: Path | str, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on leaving the block it replaces ``path`` atomically.

    ``mode`` is ``"w"`` (UTF-8 text) or ``"wb"``. An exception or a signal inside the block
    removes the temporary file and leaves ``path`` untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _signals_raise():
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
        try:
            os.fchmod(fd, _file_mode())
            with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    _fsync_dir(path.parent)


def write_atomic(path: Path | str, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path``: the file is whole and new, or untouched."""
    with atomic_file(path, "wb") as handle:
        handle.write(_encode(data))


# -- a set of files ----------------------------------------------------------------------------
@contextlib.contextmanager
def _folder_lock(folder: Path, *, wait: bool = True) -> Iterator[bool]:
    """One writer per folder at a time (a lock on the folder itself: no lock file is left behind).

    Yields whether the lock is held (always, when ``wait``).
    """
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def recover(folder: Path | str) -> None:
    """Finish or undo a set that a killed process left half-written in ``folder`` (see module doc).

    Does nothing while another process is writing there (its staging folder is not a leftover).
    """
    folder = Path(folder)
    if not folder.is_dir():
        return
    with _folder_lock(folder, wait=False) as held:
        if held:
            _recover(folder)


def _recover(folder: Path) -> None:
    journal = folder / JOURNAL_NAME
    if journal.is_file():
        try:
            record = json.loads(journal.read_text(encoding="utf-8"))
            staging, names = folder / record["staging"], list(record["files"])
        except (OSError, ValueError, KeyError, TypeError):
            staging, names = None, []
        if staging is not None and staging.is_dir():
            for name in names:  # roll forward: the staged files are complete (fsynced before the journal)
                if (staging / name).is_file():
                    os.replace(staging / name, folder / name)
            _fsync_dir(folder)
        journal.unlink(missing_ok=True)
    for leftover in folder.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


def write_set(folder: Path | str, files: Mapping[str, str | bytes | Path]) -> None:
    """Replace the files ``files`` (name → content, or a file holding it) in ``folder`` all together, or none.

    A file given as content is moved into place when it is on the same file system (else copied):
    it is gone from where it was afterwards.

    Raises
    ------
    OSError
        When the folder cannot be written; the previous files are then kept as they were.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with _folder_lock(folder), _signals_raise():
        _recover(folder)
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=STAGING_PREFIX))
        try:
            _stage(staging, files)
            with _signals_held():
                _commit(folder, staging, list(files))
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _stage(staging: Path, files: Mapping[str, str | bytes | Path]) -> None:
    for name, data in files.items():
        if Path(name).name != name or name.startswith("."):
            msg = f"output name {name!r} must be a plain file name"
            raise ValueError(msg)
        if isinstance(data, Path) and _move_in(data, staging / name):
            continue
        with open(staging / name, "xb") as handle:  # "x": created here, so 0666 less the umask
            if isinstance(data, Path):  # a file written beforehand (a large output, streamed) elsewhere: copied
                with data.open("rb") as source:
                    shutil.copyfileobj(source, handle, 1 << 20)
            else:
                handle.write(_encode(data))
            handle.flush()
            os.fsync(handle.fileno())
    _fsync_dir(staging)


def _move_in(source: Path, target: Path) -> bool:
    """Rename a finished file into the staging folder (same file system: no copy); False when it cannot be."""
    try:
        if source.stat().st_mode & 0o777 != _file_mode():
            return False
        os.rename(source, target)
    except OSError:
        return False
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())
    return True


def _commit(folder: Path, staging: Path, names: list[str]) -> None:
    journal = folder / JOURNAL_NAME
    previous = staging / ROLLBACK_DIR
    previous.mkdir()
    kept = []
    for name in names:
        if (folder / name).is_file():
            try:
                os.link(folder / name, previous / name)
            except OSError:  # a file system without hard links
                shutil.copy2(folder / name, previous / name)
            kept.append(name)
    write_atomic(journal, json.dumps({"staging": staging.name, "files": names}) + "\n")
    done: list[str] = []
    try:
        for name in names:
            os.replace(staging / name, folder / name)
            done.append(name)
    except BaseException:
        for name in done:  # roll back: the previous file again, or none when there was none
            if name in kept:
                os.replace(previous / name, folder / name)
            else:
                (folder / name).unlink(missing_ok=True)
        journal.unlink(missing_ok=True)
        _fsync_dir(folder)
        raise
    _fsync_dir(folder)
    journal.unlink(missing_ok=True)
    _fsync_dir(folder)


# -- path checks before the work starts --------------------------------------------------------
def _nearest_existing(path: Path) -> Path:
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _probe_writable(folder: Path, shown: Path) -> None:
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".conflictmap-probe-", suffix=TEMP_SUFFIX)
    except OSError as exc:
        msg = f"{shown}: cannot write there ({exc.strerror or exc})"
        raise InputError(msg) from None
    os.close(fd)
    os.unlink(probe)


def check_output_folder(path: Path | str) -> None:
    """Refuse (``InputError``, one line) an output folder that is a file or cannot be written."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        msg = f"{path}: is a file, not a folder; give a folder for the outputs"
        raise InputError(msg)
    existing = _nearest_existing(path)
    if not existing.is_dir():
        msg = f"{path}: cannot be created, {existing} is a file"
        raise InputError(msg)
    _probe_writable(existing, path)


def check_output_file(path: Path | str) -> None:
    """Refuse (``InputError``, one line) an output file that is a folder or whose folder cannot be written."""
    path = Path(path)
    if path.is_dir() or str(path).endswith(os.sep):
        msg = f"{path}: is a folder; give a file name"
        raise InputError(msg)
    check_output_folder(path.parent if str(path.parent) else Path("."))


# -- safe values -------------------------------------------------------------------------------
def json_line(record: Any, *, sort_keys: bool = True) -> str:
    """One JSON-lines line (with its "\\n"), valid JSON that no line splitter breaks.

    NaN and infinities are refused (``ValueError``); U+0085, U+2028 and U+2029, which
    ``str.splitlines`` treats as line ends, are written escaped; lone surrogates too.
    """
    text = json.dumps(record, ensure_ascii=False, sort_keys=sort_keys, allow_nan=False)
    if any(c in text for c in _JSON_LINE_ESCAPES):
        text = text.translate({ord(k): v for k, v in _JSON_LINE_ESCAPES.items()})
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text + "\n"


def csv_cell(value: Any) -> Any:
    """A CSV cell that spreadsheets show as text: a string starting ``= + - @``, tab or CR gets a ``'``.

    Numbers are left alone, so a negative longitude stays a number (OWASP CSV injection advice).
    """
    if isinstance(value, str) and value.startswith(CSV_FORMULA_STARTS):
        return "'" + value
    return value
