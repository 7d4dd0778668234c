"""Ports for the private grid's nodes: never the same one twice in one process."""

from __future__ import annotations

import socket

from tahoegui.grid import localgrid
from tahoegui.grid.localgrid import free_port


def test_free_port_never_hands_out_a_port_twice(monkeypatch):
    # The kernel may offer the same ephemeral port again once its probe socket closed;
    # simulate that by having it offer one port three times before another.
    offers = iter([50001, 50001, 50001, 50002])
    real_socket = socket.socket

    class OfferingSocket:
        def __init__(self, *args):
            self._sock = real_socket(*args)
            self._port = next(offers)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._sock.close()

        def bind(self, address):
            pass

        def getsockname(self):
            return ("127.0.0.1", self._port)

    monkeypatch.setattr(localgrid, "_handed_out", set())
    monkeypatch.setattr(localgrid.socket, "socket", OfferingSocket)

    assert [free_port(), free_port()] == [50001, 50002]


def test_free_ports_are_bindable_and_distinct():
    ports = [free_port() for _ in range(20)]
    assert len(set(ports)) == 20
    for port in ports[:3]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", port))
