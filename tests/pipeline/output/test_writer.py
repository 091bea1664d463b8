"""The transactional writer: a set of output files changes together or not at all (issue 15 items 5, 6, 7, 12)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.output import writer

ROOT = Path(__file__).resolve().parents[3]
NAMES = ("places.geojson", "events.geojson", "oblasts.geojson", "events.csv", "articles.jsonl")


def _old_set(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        (folder / name).write_text(f"old {name}\n", encoding="utf-8")
    return {name: (folder / name).read_bytes() for name in NAMES}


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_write_set_replaces_every_file(tmp_path):
    _old_set(tmp_path)
    writer.write_set(tmp_path, {name: f"new {name}\n" for name in NAMES})
    assert _listing(tmp_path) == {name: f"new {name}\n".encode() for name in NAMES}


def test_write_set_takes_a_large_output_from_a_file_written_beforehand(tmp_path):
    expected = "line\n" * 100_000
    streamed = tmp_path / "streamed.part"
    streamed.write_text(expected, encoding="utf-8")
    writer.write_set(tmp_path / "out", {"big.jsonl": streamed, "small.json": "{}\n"})
    assert (tmp_path / "out" / "big.jsonl").read_text(encoding="utf-8") == expected
    assert not streamed.exists()  # moved in (same file system), not copied
    assert (tmp_path / "out" / "small.json").read_text(encoding="utf-8") == "{}\n"


def test_error_while_committing_rolls_every_file_back(tmp_path, monkeypatch):
    old = _old_set(tmp_path)
    real_replace = os.replace

    def fail_on_fourth(src, dst):
        if str(dst).endswith("events.csv"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_fourth)
    with pytest.raises(OSError):
        writer.write_set(tmp_path, {name: f"new {name}\n" for name in NAMES})
    assert _listing(tmp_path) == old  # the three files already renamed are the old ones again


def test_new_file_of_a_failed_set_is_removed_again(tmp_path, monkeypatch):
    real_replace = os.replace

    def fail_on_csv(src, dst):
        if str(dst).endswith("events.csv"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_csv)
    with pytest.raises(OSError):
        writer.write_set(tmp_path, {name: "x\n" for name in NAMES})
    assert list(tmp_path.iterdir()) == []


def test_interrupted_commit_is_rolled_forward_on_next_start(tmp_path):
    """A process killed between two renames: the journal says the new set is complete; finish it."""
    _old_set(tmp_path)
    staging = tmp_path / f"{writer.STAGING_PREFIX}dead"
    staging.mkdir()
    for name in NAMES[2:]:  # the first two were renamed into place before the kill
        (staging / name).write_text(f"new {name}\n", encoding="utf-8")
    for name in NAMES[:2]:
        (tmp_path / name).write_text(f"new {name}\n", encoding="utf-8")
    (tmp_path / writer.JOURNAL_NAME).write_text(json.dumps({"staging": staging.name, "files": list(NAMES)}))
    writer.recover(tmp_path)
    assert _listing(tmp_path) == {name: f"new {name}\n".encode() for name in NAMES}


def test_staging_left_by_a_kill_before_commit_is_removed(tmp_path):
    old = _old_set(tmp_path)
    staging = tmp_path / f"{writer.STAGING_PREFIX}dead"
    staging.mkdir()
    (staging / "places.geojson").write_text("half", encoding="utf-8")
    writer.write_set(tmp_path, {})  # any later write (or the dashboard's loader) cleans up first
    assert _listing(tmp_path) == old


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_output_files_get_normal_permissions_not_0600(tmp_path, umask, mode):
    """Issue 15 item 12: files are 0666 less the umask, like any file a program creates."""
    old = os.umask(umask)
    try:
        writer.write_set(tmp_path / "set", {name: "x\n" for name in NAMES})
        writer.write_atomic(tmp_path / "one.csv", "x\n")
        with writer.atomic_file(tmp_path / "stream.jsonl") as handle:
            handle.write("{}\n")
    finally:
        os.umask(old)
    paths = [tmp_path / "set" / name for name in NAMES] + [tmp_path / "one.csv", tmp_path / "stream.jsonl"]
    assert {p.name: p.stat().st_mode & 0o777 for p in paths} == {p.name: mode for p in paths}


# -- signals during the write phase (issue 15 item 6) ------------------------------------------------
_SLOW_STAGE = """
import sys, time
from pathlib import Path
from pipeline.output import writer
real = writer._encode
calls = []
def slow(data):
    calls.append(1)
    if len(calls) == 3:  # two files staged, the third being written
        print("staging", flush=True)
        time.sleep(60)
    return real(data)
writer._encode = slow
writer.write_set(Path(sys.argv[1]), {name: "new " + name + "\\n" * 100_000 for name in sys.argv[2:]})
"""

_SLOW_COMMIT = """
import os, sys, time
from pathlib import Path
from pipeline.output import writer
real = os.replace
def slow(src, dst):
    real(src, dst)
    if str(dst).endswith("places.geojson"):  # the first file of the set renamed into place
        print("committing", flush=True)
        time.sleep(3)
os.replace = slow
writer.write_set(Path(sys.argv[1]), {name: "new " + name + "\\n" for name in sys.argv[2:]})
"""


def _interruptible() -> None:
    """In the child: Ctrl-C's default action, as in a terminal (a shell starts background jobs, e.g. CI run
    with ``&``, with SIGINT ignored, and Python then installs no KeyboardInterrupt handler)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run_until(script: str, folder: Path, ready: str, signum: int) -> subprocess.CompletedProcess:
    process = subprocess.Popen([sys.executable, "-c", script, str(folder), *NAMES], cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_interruptible)
    try:
        assert process.stdout.readline().strip() == ready
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_signal_while_staging_keeps_the_previous_set_and_leaves_no_temp_file(tmp_path, signum):
    old = _old_set(tmp_path)
    run = _run_until(_SLOW_STAGE, tmp_path, "staging", signum)
    assert run.returncode != 0
    assert _listing(tmp_path) == old  # the five old files, nothing half-new, no .tmp, no staging folder


def test_sigterm_while_committing_finishes_the_set_first(tmp_path):
    _old_set(tmp_path)
    run = _run_until(_SLOW_COMMIT, tmp_path, "committing", signal.SIGTERM)
    assert run.returncode == 128 + signal.SIGTERM
    assert _listing(tmp_path) == {name: f"new {name}\n".encode() for name in NAMES}


# -- path checks (issue 15 item 7) ---------------------------------------------------------------------
def test_output_folder_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "out"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(InputError, match="is a file"):
        writer.check_output_folder(target)
    with pytest.raises(InputError, match="is a file"):
        writer.check_output_folder(target / "below")


def test_output_file_that_is_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        writer.check_output_file(tmp_path)


def test_unwritable_output_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="cannot write there"):
        writer.check_output_folder(_read_only_folder(tmp_path) / "out")


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write: mode 0555, or /proc for root (who ignores modes)."""
    if os.geteuid() == 0:
        return Path("/proc")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


# -- values ---------------------------------------------------------------------------------------------
def test_json_line_escapes_what_line_splitters_break_on():
    line = writer.json_line({"text": "a\u2028b\u2029c\x85d\ud800"})
    assert line.count("\n") == 1 and len(line.splitlines()) == 1
    assert json.loads(line)["text"] == "a\u2028b\u2029c\x85d\ud800"


def test_json_line_refuses_nan():
    with pytest.raises(ValueError):
        writer.json_line({"id": float("nan")})


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cell_neutralises_formula_starts(text):
    assert writer.csv_cell(text) == "'" + text


def test_csv_cell_keeps_numbers_and_plain_text():
    assert writer.csv_cell(-36.5) == -36.5
    assert writer.csv_cell(-3) == -3
    assert writer.csv_cell("Kharkiv") == "Kharkiv"


def test_recovery_leaves_a_set_being_written_by_another_process_alone(tmp_path):
    """The dashboard's loader recovers a folder; it must not remove a running build's staging folder."""
    staging = tmp_path / f"{writer.STAGING_PREFIX}running"
    staging.mkdir()
    with writer._folder_lock(tmp_path) as held:  # as a running write_set holds it
        assert held
        holder = subprocess.run([sys.executable, "-c", "import sys; from pipeline.output import writer; "
                                 "writer.recover(sys.argv[1])", str(tmp_path)], cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
        assert holder.returncode == 0 and staging.is_dir()
    writer.recover(tmp_path)
    assert not staging.exists()
