"""GridClient.welcome(): the node's welcome page, and a refusal of what is not a node's."""

from __future__ import annotations

import http.server
import json
import threading

import pytest

from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import GridError
from tahoegui.jobs.connection import node_answers


def serve(body: bytes, content_type: str):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def web_server(request):
    server = serve(*request.param)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


WELCOME = json.dumps({"servers": [{"nodeid": "v0-a", "connection_status": "Connected to 127.0.0.1:1 via tcp"}]})


@pytest.mark.parametrize("web_server", [(WELCOME.encode(), "application/json")], indirect=True)
def test_the_welcome_page_is_read_as_json(web_server):
    client = GridClient(web_server)
    try:
        assert client.welcome()["servers"][0]["nodeid"] == "v0-a"
        assert client.node_status().connected_count == 1
    finally:
        client.close()
    assert node_answers(web_server)


@pytest.mark.parametrize(
    "web_server", [(b"<html>It works!</html>", "text/html"), (b"[1, 2]", "application/json")], indirect=True
)
def test_a_web_server_that_is_not_a_node_is_no_node(web_server):
    client = GridClient(web_server)
    try:
        with pytest.raises(GridError, match=r"asking the node for its status \(200\): the node.s answer was not"):
            client.welcome()
    finally:
        client.close()
    assert not node_answers(web_server)
