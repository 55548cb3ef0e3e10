"""A throw-away PostgreSQL server (Debian's `postgresql` binaries) in a temporary folder on 127.0.0.1.

For the local cluster (deploy/local_cluster.py) and the tests; a real deployment runs its own server.
PostgreSQL refuses to run as root: run as root, the server runs as `nobody` (runuser), its folder theirs."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bin() -> Path | None:
    """The newest installed server's binaries (/usr/lib/postgresql/<version>/bin), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "nobody", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server with a database `kymen` (trust auth, loopback only); yield its SQLAlchemy URL."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install -y postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="kymen-pg-"))
    data, port = folder / "data", free_port()
    folder.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")

    def run(command: list[str]) -> None:
        subprocess.run(_as_server_user(command), check=True, capture_output=True, cwd=folder)

    try:
        run([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "kymen"])
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
        start = [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]
        run(start)
        run([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "kymen", "kymen"])
        yield f"postgresql+psycopg://kymen@127.0.0.1:{port}/kymen"
    finally:
        if (data / "postmaster.pid").exists():
            stop = [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            subprocess.run(_as_server_user(stop), capture_output=True, cwd=folder)
        deadline = time.monotonic() + 10
        while (data / "postmaster.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        shutil.rmtree(folder, ignore_errors=True)
