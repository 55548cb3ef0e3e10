"""Scale-out on one machine: nginx (sticky sessions) in front of N app processes, one refresher, one CACHE_DIR.

    python -m deploy.local_cluster [--apps 2] [--port 8080] [--cache-dir cache] [--interval 600]

The app processes run with REFRESH_INTERVAL_S=0 and only read the shared snapshot folder; a
separate `python -m data_sources refresh --watch` is the one process that writes it. What people write
in the app goes to one PostgreSQL database that every app process shares: `DATABASE_URL` when set, else
a throw-away server started in a temporary folder (deploy/postgres.py, Debian's `postgresql`). Everything
listens on 127.0.0.1; nginx runs root-less from a folder of its own. Ctrl-C stops it all.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import grp
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from deploy.postgres import postgres_server

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
COOKIE = "kyapp"
log = logging.getLogger(__name__)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_config(run_dir: Path, port: int, app_ports: list[int], cookie: str = COOKIE) -> str:
    """The template filled in: upstream servers, listen port, the run folder for pid, logs and temp files."""
    # A master started as root hands its workers to `user`; keep them as the starting user so they
    # can use the run folder. Started as anyone else, nginx has no `user` to switch to.
    user_line = f"user {getpass.getuser()} {grp.getgrgid(os.getgid()).gr_name};" if os.geteuid() == 0 else ""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in app_ports)
    text = TEMPLATE.read_text(encoding="utf-8")
    for token, value in {
        "@USER_LINE@": user_line,
        "@RUN_DIR@": str(run_dir),
        "@PORT@": str(port),
        "@SERVERS@": servers,
        "@COOKIE@": cookie,
    }.items():
        text = text.replace(token, value)
    return text


@dataclass
class Part:
    name: str
    process: subprocess.Popen
    log_path: Path
    port: int | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""


@dataclass
class Cluster:
    url: str
    run_dir: Path
    apps: list[Part]
    refresher: Part
    nginx: Part
    stopped: list[Part] = field(default_factory=list)

    def kill_app(self, number: int) -> Part:
        """SIGKILL one app process, as a crash would; its viewers reconnect through nginx to another."""
        part = self.apps[number]
        part.process.kill()
        part.process.wait(timeout=10)
        self.stopped.append(part)
        return part

    def access_log(self) -> list[str]:
        """nginx's access log, a line per answer (the app process that gave it and the sticky key in it)."""
        path = self.run_dir / "access.log"
        return path.read_text(encoding="utf-8", errors="replace").splitlines() if path.exists() else []

    def upstream_of(self, marker: str, since: int = 0) -> str:
        """The app process that answered the first request after line `since` of the access log whose line
        contains `marker` (no header tells a viewer which internal address answered)."""
        deadline = time.monotonic() + 5  # nginx logs a request just after its last byte is sent
        while True:
            line = next((line for line in self.access_log()[since:] if marker in line), None)
            if line is not None:
                return line.rsplit("upstream=", 1)[1].split(", ")[-1]
            if time.monotonic() > deadline:
                raise LookupError(f"no request with {marker!r} in nginx's access log after line {since}")
            time.sleep(0.02)

    def parts(self) -> list[Part]:
        return [self.nginx, *self.apps, self.refresher]


def _start(name: str, command: list[str], run_dir: Path, env: dict[str, str], port: int | None = None) -> Part:
    log_path = run_dir / f"{name}.log"
    # Output to a file: an unread pipe fills up and then blocks the process.
    with open(log_path, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Part(name, process, log_path, port)


def _wait_healthy(part: Part, url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if part.process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{part.name} did not start: {part.log_text()[-2000:]}")
        time.sleep(0.2)


def _stop(part: Part) -> None:
    if part.process.poll() is None:
        part.process.terminate()
        try:
            part.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            part.process.kill()
            part.process.wait(timeout=10)


@contextlib.contextmanager
def local_cluster(
    cache_dir: Path,
    base_url: str,
    *,
    apps: int = 2,
    port: int = 0,
    interval_s: int = 600,
    run_dir: Path | None = None,
    env: dict[str, str] | None = None,
    database_url: str | None = None,
) -> Iterator[Cluster]:
    """Start the refresher, `apps` app processes and nginx; yield the running cluster; stop it all.

    `database_url`: the records' database every app process shares (None: each app's own default)."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
    own_dir = run_dir is None
    run_dir = Path(tempfile.mkdtemp(prefix="kymen-cluster-")) if run_dir is None else Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    base_env = {**os.environ, **(env or {}), "CACHE_DIR": str(cache_dir), "PXWEB_BASE_URL": base_url}
    if database_url:
        base_env["DATABASE_URL"] = database_url
    started: list[Part] = []
    try:
        refresher = _start(
            "refresher",
            [sys.executable, "-m", "data_sources", "refresh", "--watch", "--interval", str(interval_s)],
            run_dir,
            {**base_env, "REFRESH_INTERVAL_S": str(interval_s)},
        )
        started.append(refresher)
        app_parts = []
        app_ports: list[int] = []
        for number in range(apps):
            app_port = free_port()
            command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(app_port)]
            command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
            part = _start(f"app{number}", command, run_dir, {**base_env, "REFRESH_INTERVAL_S": "0"}, app_port)
            started.append(part)
            app_parts.append(part)
            app_ports.append(app_port)
        for part in app_parts:
            _wait_healthy(part, f"http://127.0.0.1:{part.port}/_stcore/health")
        port = port or free_port()
        config = run_dir / "nginx.conf"
        config.write_text(nginx_config(run_dir, port, app_ports), encoding="utf-8")
        proxy = _start(
            "nginx", [nginx, "-p", str(run_dir), "-c", str(config), "-e", str(run_dir / "error.log")], run_dir, base_env
        )
        started.append(proxy)
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(proxy, f"{url}/_stcore/health")
        log.info("cluster up at %s: apps on %s, run folder %s", url, [p.port for p in app_parts], run_dir)
        yield Cluster(url, run_dir, app_parts, refresher, proxy)
    finally:
        for part in reversed(started):
            _stop(part)
        if own_dir:
            shutil.rmtree(run_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    from data_sources.domain.settings import load_settings

    settings = load_settings()
    parser = argparse.ArgumentParser(prog="python -m deploy.local_cluster", description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=2, help="app processes behind nginx")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1")
    parser.add_argument("--cache-dir", type=Path, default=settings.cache_dir)
    parser.add_argument("--base-url", default=settings.base_url)
    parser.add_argument("--interval", type=int, default=settings.refresh_interval_s or 600)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="the records' shared PostgreSQL (default: DATABASE_URL, else a throw-away server in a temporary folder)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    stop = False

    def on_term(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_term)
    with contextlib.ExitStack() as stack:
        database_url = args.database_url or stack.enter_context(postgres_server())
        cluster = stack.enter_context(
            local_cluster(
                args.cache_dir.resolve(),
                args.base_url,
                apps=args.apps,
                port=args.port,
                interval_s=args.interval,
                database_url=database_url,
            )
        )
        print(f"open {cluster.url}  (logs in {cluster.run_dir}; Ctrl-C stops)", flush=True)
        try:
            while not stop:
                for part in cluster.parts():
                    if part.process.poll() is not None and part not in cluster.stopped:
                        print(f"{part.name} ended ({part.process.returncode}); stopping", file=sys.stderr)
                        return 1
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
