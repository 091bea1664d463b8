"""Start the dashboard: ``conflictmap serve [--data DIR] [--port N]``.

Runs ``streamlit run dashboard/app.py`` headless (through ``dashboard.launch``, which imports the
heavy modules first) in a subprocess of the same Python,
with static file serving on (the map's Leaflet files come from ``dashboard/static``)
and usage statistics off (no network). With no data folder, it shows the seed
articles, building ``out/`` from ``seeds/`` first if it is missing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from pipeline.errors import InputError

APP_PATH = Path(__file__).resolve().parent / "app.py"
REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_OUT_DIR = REPO_ROOT / "out"
SEED_SUFFIXES = (".txt", ".md", ".html", ".htm")


def streamlit_command(port: int, *, address: str = "localhost") -> list[str]:
    """Return the command line that runs the app headless on ``port``."""
    return [
        sys.executable, "-m", "dashboard.launch", "run", str(APP_PATH),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", address,
        "--server.enableStaticServing", "true",
        "--server.fileWatcherType", "none",  # a served dashboard does not reload on file changes
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "viewer",
    ]


def ensure_seed_outputs(out_dir: Path = DEFAULT_OUT_DIR, seeds_dir: Path = SEEDS_DIR) -> Path:
    """Build the outputs of the seed articles into ``out_dir`` unless they exist.

    Returns
    -------
    Path
        ``out_dir``.
    """
    if (out_dir / "events.geojson").is_file():
        return out_dir
    from pipeline.build import build_paths

    seeds = sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() in SEED_SUFFIXES)
    if not seeds:
        msg = f"no articles in {seeds_dir} to build the default view from"
        raise InputError(msg)
    build_paths(seeds, out_dir)
    return out_dir


def serve(data_dir: Path | None, port: int) -> int:
    """Run the dashboard until it is stopped; return Streamlit's exit code.

    Parameters
    ----------
    data_dir
        Folder of pipeline outputs to show; None shows the seed articles.
    port
        TCP port to listen on (localhost).

    Raises
    ------
    InputError
        If ``data_dir`` has no ``events.geojson``.
    """
    if data_dir is None:
        data_dir = ensure_seed_outputs()
    elif not (Path(data_dir) / "events.geojson").is_file():
        msg = f"no events.geojson in {data_dir}; build it first with `conflictmap build`"
        raise InputError(msg)
    env = {**os.environ, "CONFLICTMAP_DATA": str(Path(data_dir).resolve())}
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p
    )
    print(f"conflictmap dashboard on http://localhost:{port}  (data: {data_dir})", flush=True)
    process = subprocess.Popen(streamlit_command(port), env=env, cwd=str(REPO_ROOT))

    def _forward(signum: int, frame: FrameType | None) -> None:
        del frame
        process.send_signal(signum)

    try:
        previous = signal.signal(signal.SIGTERM, _forward)
    except ValueError:  # not the main thread: the caller handles signals
        previous = None
    try:
        return process.wait()
    except KeyboardInterrupt:
        return _stop(process)
    finally:
        if process.poll() is None:
            _stop(process)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _stop(process: subprocess.Popen, timeout: float = 10.0) -> int:
    """Ask Streamlit to stop, and kill it if it has not within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return 0
