"""Real SPARQL servers for the tests, on 127.0.0.1 and free ports, started once per session.

- ``oxigraph serve --location TMP --bind 127.0.0.1:PORT`` (the ``oxigraph`` package on PyPI);
- Virtuoso (``virtuoso-t`` from Debian's virtuoso-opensource) with its own virtuoso.ini in a temp
  directory: loopback ports, a new database, ResultSetMaxRows = 20 so that paging is exercised by
  every query that returns more rows, and a random password for ``dba``.

Each waits for readiness by polling its SPARQL endpoint (bounded). A missing binary skips the
tests that need it with a message, except under CI=true, where it fails them: CI must run them.
Test modules import the session fixtures ``oxigraph`` and ``virtuoso``; a server started for one
module is reused by the others and stopped at the end of the session. ``start_oxigraph`` and
``start_virtuoso`` work without pytest (bench/stores.py uses them).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO_MAX_ROWS = 20
_RUNNING: dict[str, "Server"] = {}


@dataclass
class Server:
    name: str
    query_url: str
    update_url: str
    process: subprocess.Popen
    log: Path
    user: str | None = None
    password: str | None = None
    extra: dict = field(default_factory=dict)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        _RUNNING.pop(self.name, None)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Missing(RuntimeError):
    """A server binary is not installed."""


class Broken(RuntimeError):
    """A server did not come up."""


def binary(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise Missing(f"{name} is not installed ({package})")
    return path


def wait_ready(url: str, process: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    """Poll ``url`` (an ASK query) until it answers 200; raise Broken, with the log, if the server
    dies or the time runs out."""
    deadline = time.monotonic() + timeout
    probe = url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise Broken(f"the server exited ({process.returncode}) before it was ready:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    process.terminate()
    raise Broken(f"the server at {url} was not ready after {timeout:.0f} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-20:]) if log.exists() else "(no log)"


def _start(name: str, request: pytest.FixtureRequest, start) -> Server:
    """The running server ``name``, started by ``start`` if need be; a missing binary skips the
    test (fails it under CI=true), a server that does not come up fails it."""
    if name not in _RUNNING:
        try:
            _RUNNING[name] = start(request.getfixturevalue("tmp_path_factory").mktemp(name))
        except Missing as exc:
            if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
                pytest.fail(f"{exc}: CI must install it (.ci/run does)", pytrace=False)
            pytest.skip(f"{exc}; the tests against it cannot run")
        except Broken as exc:
            pytest.fail(str(exc), pytrace=False)
    server = _RUNNING[name]
    request.addfinalizer(server.stop)
    return server


def start_oxigraph(folder: Path) -> Server:
    exe = binary("oxigraph", "pip install oxigraph")
    port = free_port()
    log = folder / "server.log"
    process = subprocess.Popen([exe, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
                               stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base + "/query", process, log)
    return Server("oxigraph", base + "/query", base + "/update", process, log)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {dir}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
ServerThreads = 10
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = {cost_limit}
MaxQueryExecutionTime = {time_limit}
"""


def start_virtuoso(folder: Path, max_rows: int = VIRTUOSO_MAX_ROWS, buffers: int = 10000,
                   cost_limit: int = 400, time_limit: int = 60) -> Server:
    """Virtuoso on a new database in ``folder``; ``dba`` gets a random password (USER_SET_PASSWORD:
    ``set password`` changes the SQL login but not what /sparql-auth's Digest checks)."""
    exe = binary("virtuoso-t", "apt-get install virtuoso-opensource")
    isql = binary("isql-vt", "apt-get install virtuoso-opensource")
    sql_port, http_port = free_port(), free_port()
    settings = {"dir": folder, "sql_port": sql_port, "http_port": http_port, "max_rows": max_rows,
                "buffers": buffers, "dirty": buffers * 3 // 4, "cost_limit": cost_limit, "time_limit": time_limit}
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(**settings))
    log = folder / "server.log"
    process = subprocess.Popen([exe, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{http_port}"
    wait_ready(base + "/sparql", process, log, timeout=90)
    password = secrets.token_hex(8)
    subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec=USER_SET_PASSWORD('dba', '{password}');"],
                   check=True, capture_output=True, timeout=30)
    return Server("virtuoso", base + "/sparql-auth", base + "/sparql-auth", process, log, "dba", password,
                  {"public": base + "/sparql", "sql_port": sql_port})


# ---------------------------------------------------------------------- fixtures (import them)

@pytest.fixture(scope="session")
def oxigraph(request: pytest.FixtureRequest) -> Server:
    return _start("oxigraph", request, start_oxigraph)


@pytest.fixture(scope="session")
def virtuoso(request: pytest.FixtureRequest) -> Server:
    return _start("virtuoso", request, start_virtuoso)


def remote(server: Server, **options):
    """A RemoteStore on ``server`` that holds no kb graph (what an earlier test left is dropped)."""
    from kb.remote import RemoteStore
    from kb.vocab import GRAPH

    store = RemoteStore(server.query_url, server.update_url, server.user, server.password, **options)
    listing = f'SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }} GROUP BY ?g'
    for (graph,) in store._select(listing, scoped=False).rows:
        store.drop(str(graph))
    store.refresh()
    return store
