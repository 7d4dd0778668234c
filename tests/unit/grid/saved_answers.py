"""Real answers of a Tahoe-LAFS node, saved in data/ by data/record.py, and a fake transport
that gives them to a GridClient: the client's parsing, tested without a grid."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from requests.adapters import BaseAdapter

from tahoegui.grid.client import GridClient

DATA = Path(__file__).resolve().parent / "data"
NODE_URL = "http://127.0.0.1:3456/"


def saved(name: str) -> Any:
    """One saved answer, as the node's JSON."""
    return json.loads((DATA / name).read_bytes())


def directory_caps() -> dict[str, str]:
    """The caps the saved answers were fetched by (they are in the answers themselves)."""
    listing = saved("directory.json")[1]
    return {
        "root": listing["rw_uri"],
        "root_ro": listing["ro_uri"],
        "mdmf": listing["children"]["mdmf.txt"][1]["rw_uri"],
    }


class SavedNode(BaseAdapter):
    """Answers each request with the saved answer recorded for it; any other request fails
    the test (the client asked for something the node was never asked)."""

    def __init__(self, routes: dict[tuple[str, str, frozenset[tuple[str, str]]], str]) -> None:
        super().__init__()
        self.routes = routes
        self.asked: list[str] = []
        self.replaced: dict[str, bytes] = {}  # name -> the answer a test gives instead

    @staticmethod
    def key(method: str, url: str) -> tuple[str, str, frozenset[tuple[str, str]]]:
        parts = urlsplit(url)
        return method, parts.path, frozenset(parse_qsl(parts.query))

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        assert request.method and request.url
        name = self.routes.get(self.key(request.method, request.url))
        assert name is not None, f"no saved answer for {request.method} {urlsplit(request.url).path}"
        self.asked.append(name)
        resp = requests.Response()
        resp.status_code = 200
        resp.raw = io.BytesIO(self.replaced.get(name) or (DATA / name).read_bytes())
        resp.headers["Content-Type"] = "application/json"
        resp.url = request.url
        resp.request = request
        return resp

    def close(self) -> None:
        pass


def client_of_saved_node(**kwargs: Any) -> tuple[GridClient, SavedNode]:
    """A GridClient whose node is the saved answers, each at the request that recorded it."""
    client = GridClient(NODE_URL, **kwargs)
    caps = directory_caps()
    routes = {
        SavedNode.key("GET", client.url(caps["root"]) + "?t=json"): "directory.json",
        SavedNode.key("GET", client.url(caps["root_ro"]) + "?t=json"): "directory-ro.json",
        SavedNode.key("GET", client.url(caps["root"], "big.bin") + "?t=json"): "file-chk.json",
        SavedNode.key("GET", client.url(caps["mdmf"]) + "?t=json"): "file-mdmf.json",
        SavedNode.key("GET", NODE_URL + "?t=json"): "welcome.json",
        SavedNode.key("POST", client.url(caps["root"], "big.bin") + "?t=check&output=JSON"): "check.json",
    }
    node = SavedNode(routes)
    client.session.mount("http://", node)
    return client, node
