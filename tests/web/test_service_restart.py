"""PostgreSQL going away and coming back: the app answers 503 meanwhile and recovers by itself.

The app reaches PostgreSQL through a TCP relay on loopback that the test can cut, as a
restart of the server cuts every connection and refuses new ones for a while; then the
relay listens again on the same port, and the same app, never restarted, serves again.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

from sqlalchemy.engine import make_url
from tests.conftest import PG_URL, _postgres_schema_url
from tests.web.service_helpers import (
    PASSWORD,
    accounts,
    needs_postgres,
    service_settings,
    signed_in,
)

from loopcoach.content.index import Content
from loopcoach.web import create_app

pytestmark = needs_postgres


class Relay:
    """A TCP relay from a loopback port to PostgreSQL that can be cut and restored."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        self.port = listener.getsockname()[1]
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := src.recv(65536):
                dst.sendall(data)
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """What a restart does: every connection dropped, and nothing listening."""
        if self.listener is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would not.
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        with self.lock:
            for s in self.sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self.sockets.clear()


def test_the_app_answers_503_while_postgresql_is_down_and_recovers(
    tmp_path: Path, builtin_content: Content
) -> None:
    assert PG_URL
    urls = _postgres_schema_url(PG_URL)
    direct = make_url(next(urls))
    relay = Relay((direct.host or "127.0.0.1", direct.port or 5432))
    relay.start()
    url = direct.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
    app = create_app(service_settings(tmp_path, url), content=builtin_content)
    try:
        client = signed_in(app, accounts(app).create("mei", PASSWORD))
        assert client.get("/history").status_code == 200
        assert client.get("/healthz").status_code == 200

        relay.cut()
        down = client.get("/history")
        assert down.status_code == 503, down.text
        assert client.get("/api/v1/attempts").status_code == 503
        health = client.get("/healthz")
        assert health.status_code == 503 and health.json()["status"] == "unavailable"

        relay.start()  # the same port, as PostgreSQL comes back on its own
        assert client.get("/healthz").status_code == 200
        assert client.get("/history").status_code == 200  # the session survived, too
        assert client.get("/api/v1/attempts").status_code == 200
    finally:
        relay.cut()
        app.state.web.store.close()
        for _ in urls:
            pass


def test_the_relay_really_carries_the_connections() -> None:
    """The relay passes bytes both ways (so the test above tests the app, not the relay)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    relay = Relay(server.getsockname())
    relay.start()
    with socket.create_connection(("127.0.0.1", relay.port)) as conn:
        peer, _ = server.accept()
        conn.sendall(b"ping")
        assert peer.recv(4) == b"ping"
        peer.sendall(b"pong")
        assert conn.recv(4) == b"pong"
        peer.close()
    relay.cut()
    server.close()
