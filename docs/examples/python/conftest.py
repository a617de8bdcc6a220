"""pytest fixtures: Consumo as a stand-in for the GreenLake APIs, started once per test session.

The `consumo` fixture starts `npx consumo serve` in stand-in mode (CONSUMO_STAND_IN=1) on a free
port of 127.0.0.1, with an embedded database in a temporary directory and bootstrap credentials
fixed by CONSUMO_BOOTSTRAP_*, waits until GET /health/ready answers 200, yields where it is and how
to sign in, and stops it (SIGTERM) after the session. Standard library only.

CONSUMO_PROJECT_DIR: the directory `npx consumo` runs in, where @consumo/cli is installed
(default: this repository's root).
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]
START_TIMEOUT_S = 180

# Fixed, so a test knows them without reading the server's output (CONSUMO_BOOTSTRAP_*).
WORKSPACE_ID = "c0450000000000000000000000000002"
CLIENT_ID = "c0450000-0000-4000-8000-000000000002"
CLIENT_SECRET = "pytest-example-client-secret"


@dataclass(frozen=True)
class Consumo:
    base_url: str
    token_url: str
    workspace_id: str
    client_id: str
    client_secret: str


def free_port() -> int:
    """A port nothing listens on now (the server is told to take it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_ready(process: subprocess.Popen, base_url: str, log_file: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"consumo serve exited with {process.returncode}:\n{log_file.read_text()}")
        try:
            with urllib.request.urlopen(f"{base_url}/health/ready", timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet, or still starting
        time.sleep(0.25)
    raise RuntimeError(f"consumo serve was not ready after {START_TIMEOUT_S} s:\n{log_file.read_text()}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to npx and the server under it: the server finishes in-flight requests, closes its database and exits."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def consumo():
    work_dir = Path(tempfile.mkdtemp(prefix="consumo-pytest-"))
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "CONSUMO_STAND_IN": "1",
        "CONSUMO_DEMO": "0",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DATABASE_URL": f"file://{work_dir / 'db'}",
        "CONSUMO_CREDENTIALS_FILE": str(work_dir / "credentials.json"),
        "CONSUMO_SNAPSHOT_DIR": str(work_dir / "snapshots"),
        "CONSUMO_EXPORT_DIR": str(work_dir / "exports"),
        "CONSUMO_BOOTSTRAP_WORKSPACE_ID": WORKSPACE_ID,
        "CONSUMO_BOOTSTRAP_CLIENT_ID": CLIENT_ID,
        "CONSUMO_BOOTSTRAP_CLIENT_SECRET": CLIENT_SECRET,
        "LOG_LEVEL": "warn",
    }
    log_file = work_dir / "server.log"
    project_dir = os.environ.get("CONSUMO_PROJECT_DIR", str(REPOSITORY))
    with open(log_file, "w") as log:
        # `--no`: never download a package called consumo, use the project's own; a process group
        # of its own, so that stop() reaches the server under npx.
        process = subprocess.Popen(
            ["npx", "--no", "consumo", "serve"],
            cwd=project_dir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_ready(process, base_url, log_file)
        yield Consumo(
            base_url=base_url,
            token_url=f"{base_url}/authorization/v2/oauth2/{WORKSPACE_ID}/token",
            workspace_id=WORKSPACE_ID,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
        )
    finally:
        stop(process)
        shutil.rmtree(work_dir, ignore_errors=True)
