"""Real Odoo servers driven over HTTP, for the multi-worker tests
(``tests/multiworker``) and the throughput benchmark (``scripts/bench``).

An ``OdooServer`` is ``odoo-bin`` in its own process, prefork when given
workers (HTTP workers, cron workers and the gevent process for the bus), on
free ports. ``JsonRpc`` talks to it as the web client does (a session cookie
and ``/web/dataset/call_kw``); ``bus_socket`` opens the web client's bus
websocket on the gevent port. Several servers on one database and one data
directory are several Odoo hosts sharing PostgreSQL and the filestore.

Environment (set by ``scripts/test.sh`` and ``scripts/bench/run.sh``):
``ODOO_SRC``, ``SBS_ADDONS_PATH``, ``SBS_DATA_DIR``.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

PROBLEM = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) |^Traceback", re.M)
HERE = Path(__file__).resolve().parent


def setting(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run through scripts/test.sh")
    return value


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clone_database(template, name):
    """Copy ``template`` and its filestore to ``name`` (dropped first)."""
    drop_database(name)
    subprocess.run(["createdb", "-T", template, name], check=True)
    filestore = Path(setting("SBS_DATA_DIR"), "filestore")
    if (filestore / template).is_dir():
        shutil.copytree(filestore / template, filestore / name)


def drop_database(name):
    subprocess.run(
        ["dropdb", "--if-exists", "--force", name], check=True, capture_output=True
    )
    shutil.rmtree(Path(setting("SBS_DATA_DIR"), "filestore", name), ignore_errors=True)


def odoo_options(database):
    return [
        f"--addons-path={setting('SBS_ADDONS_PATH')}",
        f"--data-dir={setting('SBS_DATA_DIR')}",
        "-d",
        database,
    ]


def populate(database, **sizes):
    """Run ``fixture.py`` in its own process (it commits): the technicians,
    customers, quotas and paused sessions; returns what it made."""
    args = [f"--{name.replace('_', '-')}={value}" for name, value in sizes.items()]
    result = subprocess.run(
        [
            sys.executable,
            str(HERE / "fixture.py"),
            *args,
            "--",
            *odoo_options(database),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"fixture failed:\n{result.stdout}\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


class OdooServer:
    """``odoo-bin`` on ``database`` with ``workers`` HTTP workers (0: the
    threaded server) and ``cron`` cron workers, on free ports."""

    def __init__(self, database, workers, cron, name, log_dir=None):
        self.database = database
        self.workers = workers
        self.cron = cron
        self.http_port = free_port()
        self.gevent_port = free_port()
        log_dir = Path(log_dir or setting("SBS_DATA_DIR"))
        self.log = log_dir / f"{database}.{name}.log"
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def bus_url(self):
        return f"ws://127.0.0.1:{self.gevent_port}/websocket"

    def start(self, timeout=180):
        self.log.unlink(missing_ok=True)
        command = [
            sys.executable,
            str(Path(setting("ODOO_SRC"), "odoo-bin")),
            *odoo_options(self.database),
            f"--db-filter=^{re.escape(self.database)}$",
            f"--http-port={self.http_port}",
            f"--gevent-port={self.gevent_port}",
            f"--workers={self.workers}",
            f"--max-cron-threads={self.cron}",
            f"--logfile={self.log}",
            "--log-level=warn",
        ]
        self.process = subprocess.Popen(command, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"odoo-bin stopped:\n{self.log_text()[-4000:]}")
            if self._answers():
                return self
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"odoo-bin did not answer on {self.url}")

    def _answers(self):
        try:
            if requests.get(self.url + "/web/login", timeout=5).status_code != 200:
                return False
        except requests.RequestException:
            return False
        if not self.workers:
            return True
        with socket.socket() as probe:  # the gevent process listens too
            return probe.connect_ex(("127.0.0.1", self.gevent_port)) == 0

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log_text(self):
        return self.log.read_text() if self.log.exists() else ""

    def problems(self):
        """The ERROR/CRITICAL lines and tracebacks of the server's log."""
        text = self.log_text()
        return [
            text[match.start() : text.find("\n", match.start())]
            for match in PROBLEM.finditer(text)
        ]

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class RpcError(RuntimeError):
    """An error the web client would show (``message``: its text)."""


class JsonRpc:
    """The web client's JSON-RPC: a session cookie and /web/dataset/call_kw."""

    def __init__(self, url, database, login, password):
        self.url = url.rstrip("/")
        self.http = requests.Session()
        self.count = 0
        result = self._post(
            "/web/session/authenticate",
            {"db": database, "login": login, "password": password},
        )
        company = result["user_companies"]["current_company"]
        self.uid = result["uid"]
        self.context = dict(result["user_context"], allowed_company_ids=[company])

    def _post(self, path, params):
        self.count += 1
        response = self.http.post(
            self.url + path,
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": self.count,
                "params": params,
            },
            timeout=300,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            data = body["error"].get("data", {})
            raise RpcError(f"{path}: {data.get('message') or body['error']}")
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def on(self, url):
        """The same login (session cookie) on another host sharing the
        filestore, hence the sessions."""
        other = object.__new__(JsonRpc)
        other.url = url.rstrip("/")
        other.http = requests.Session()
        other.http.cookies.update(self.http.cookies)
        other.count, other.uid, other.context = 0, self.uid, self.context
        return other


def bus_version():
    """The bus worker version the server expects (an outdated one is closed)."""
    source = Path(setting("ODOO_SRC"), "addons", "bus", "websocket.py").read_text()
    return re.search(r'_VERSION = "([^"]+)"', source).group(1)


def bus_socket(server, rpc, timeout=30):
    """The bus websocket of ``rpc``'s user on ``server``'s gevent port,
    subscribed as the web client's bus worker does."""
    import websocket  # websocket-client, in Odoo's requirements

    connection = websocket.create_connection(
        f"{server.bus_url}?version={bus_version()}",
        cookie=f"session_id={rpc.http.cookies['session_id']}",
        origin=server.url,
        timeout=timeout,
    )
    connection.send(
        json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}})
    )
    return connection


def receive(connection, kind, accept=lambda payload: True, timeout=30):
    """The payload of the first notification of type ``kind`` that
    ``accept`` takes, read from the bus websocket within ``timeout`` s."""
    import websocket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        connection.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            raw = connection.recv()
        except websocket.WebSocketTimeoutException:
            break
        for notification in json.loads(raw) if raw else []:
            message = notification.get("message", {})
            if message.get("type") == kind and accept(message.get("payload")):
                return message["payload"]
    raise AssertionError(f"no {kind} notification within {timeout} s")
