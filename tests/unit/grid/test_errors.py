"""Error bodies reduced to one line, and error paths of the client over a faked transport."""

from __future__ import annotations

import io

import pytest
import requests
from requests.adapters import BaseAdapter
from urllib3.exceptions import NewConnectionError, ProtocolError

from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import (
    ConflictError,
    GridError,
    NodeUnreachableError,
    NotFoundError,
    ReadOnlyError,
    UnhappyUploadError,
    useful_reason,
)
from tests.unit.grid.sample_caps import CAPS

# Bodies as tahoe-lafs 1.20 sends them.
HTML_404 = """
<html>
  <head><title>404 - Error</title></head>
  <body>
    <h1>Error</h1>
    <p>No such child: nope</p>
  </body>
</html>
"""
HTML_400 = """
<html>
  <head><title>400 - Files have no children named 'sub'</title></head>
  <body>
    <h1>Files have no children named 'sub'</h1>
    <p>no details</p>
  </body>
</html>
"""
HTML_500 = """<!DOCTYPE html>
<html><head><title>Exception</title></head><body><div>
  <style type="text/css">
    div.error {
      color: red;
    }
    span.code { font-family: "Courier New", courier, monospace; }
  </style>
  <div class="error">
    <span>allmydata.mutable.common.NotWriteableError</span>: <span></span>
  </div>
  <div class="stackTrace">
  </div>
</div></body></html>"""
TEXT_500 = "Traceback (most recent call last):\nFailure: allmydata.mutable.common.NotWriteableError: \n"
TEXT_UNHAPPY = (
    "Traceback (most recent call last):\n"
    '  File "/venv/lib/allmydata/immutable/upload.py", line 1234, in _done\n'
    "    raise UploadUnhappinessError(msg)\n"
    "Failure: allmydata.interfaces.UploadUnhappinessError: shares could be placed on only 1 server(s). "
    "We were asked to place shares on at least 3 server(s).\n"
)
# as tahoe-lafs 1.20 answers an upload with one of three storage servers down (the repr in
# it looks like an HTML tag)
SELECTOR_UNHAPPY = (
    "server selection failed for <Tahoe2ServerSelector for upload b'hsdwg'>: shares could be placed on only "
    "2 server(s) such that any 2 of them have enough shares to recover the file, but we were asked to place "
    "shares on at least 3 such servers. (placed all 3 shares, want to place shares on at least 3 servers such "
    "that any 2 of them have enough shares to recover the file, sent 2 queries to 2 servers, 2 queries placed "
    "some shares, 0 placed none (of which 0 placed none due to the server being full and 0 placed none due to "
    "an error)), merged=sh1: oyyc2ndk, sh0: oyyc2zlb, sh2: oyyc2zlb"
)
TEXT_UNHAPPY_1_20 = (
    "Traceback (most recent call last):\n"
    '  File "/venv/lib/python3.11/site-packages/allmydata/immutable/upload.py", line 895, in _failed\n'
    "    raise UploadUnhappinessError(msg)\n"
    f"allmydata.interfaces.UploadUnhappinessError: {SELECTOR_UNHAPPY}\n"
)
TEXT_410 = (
    "NoSharesError: no shares could be found. Zero shares usually indicates a corrupt URI.\n\n"
    "The full error message is:\nno shares (need 2). Last failure: None"
)
TEXT_CAP = f"Traceback (most recent call last):\nFailure: builtins.ValueError: bad child {CAPS['DIR2']}\n"


@pytest.mark.parametrize(
    "body, expected",
    [
        (HTML_404, "No such child: nope"),
        (HTML_400, "Files have no children named 'sub'"),
        (HTML_500, "NotWriteableError"),
        (TEXT_500, "NotWriteableError"),
        (
            TEXT_UNHAPPY,
            "UploadUnhappinessError: shares could be placed on only 1 server(s). "
            "We were asked to place shares on at least 3 server(s).",
        ),
        (TEXT_UNHAPPY_1_20, f"UploadUnhappinessError: {SELECTOR_UNHAPPY}"),
        (TEXT_410, "NoSharesError: no shares could be found. Zero shares usually indicates a corrupt URI."),
        (
            "There was already a child by that name, and you asked me to not replace it.",
            "There was already a child by that name, and you asked me to not replace it.",
        ),
        (
            "<html><head><title>Processing Failed</title></head><body><b>Processing Failed</b></body></html>",
            "Processing Failed",
        ),
        (TEXT_CAP, "ValueError: bad child <DIR2:vtst…>"),
        ("", ""),
    ],
)
def test_useful_reason_is_the_one_line_that_matters(body, expected):
    assert useful_reason(body) == expected


class FakeAdapter(BaseAdapter):
    """Answers every request with one canned response or exception."""

    def __init__(self, status: int = 200, body: str = "", exc: Exception | None = None) -> None:
        super().__init__()
        self.status, self.body, self.exc = status, body, exc
        self.requests: list[requests.PreparedRequest] = []

    def send(self, request, **kwargs):
        self.requests.append(request)
        if self.exc is not None:
            raise self.exc
        resp = requests.Response()
        resp.status_code = self.status
        resp.raw = io.BytesIO(self.body.encode())
        resp.url = request.url
        resp.request = request
        return resp

    def close(self) -> None:
        pass


def faked(status=200, body="", exc=None) -> tuple[GridClient, FakeAdapter]:
    client = GridClient("http://127.0.0.1:3456")
    adapter = FakeAdapter(status, body, exc)
    client.session.mount("http://", adapter)
    return client, adapter


@pytest.mark.parametrize(
    "status, body, kind",
    [
        (404, HTML_404, NotFoundError),
        (409, "There was already a child by that name, and you asked me to not replace it.", ConflictError),
        (400, "PUT to a mutable file: replace or update requested with read-only cap", ReadOnlyError),
        (500, TEXT_500, ReadOnlyError),
        (500, TEXT_UNHAPPY, UnhappyUploadError),
        (410, TEXT_410, GridError),
    ],
)
def test_status_and_body_choose_the_error_class(status, body, kind):
    client, adapter = faked(status, body)
    with pytest.raises(kind) as err:
        client.upload_to(CAPS["DIR2"], "a/b.txt", b"x")
    assert type(err.value) is kind and err.value.status == status
    assert str(err.value).startswith(f"uploading 'a/b.txt' ({status}): ")
    assert "URI:" not in str(err.value) and "\n" not in str(err.value)
    assert adapter.requests[0].headers["Accept"] == "text/plain"


def test_a_refused_connection_is_node_unreachable_without_the_url_path():
    exc = requests.ConnectionError(
        requests.packages.urllib3.exceptions.MaxRetryError(
            None, f"/uri/{CAPS['DIR2']}", NewConnectionError(None, "Connection refused")
        )
    )
    client, _ = faked(exc=exc)
    with pytest.raises(NodeUnreachableError) as err:
        client.list_dir(CAPS["DIR2"])
    assert str(err.value) == "cannot reach the Tahoe-LAFS node at http://127.0.0.1:3456/"
    assert err.value.__cause__ is None and err.value.__suppress_context__


def test_a_broken_answer_is_not_mistaken_for_a_node_that_is_down():
    exc = requests.ConnectionError(ProtocolError("Connection aborted.", Exception("BadStatusLine")))
    client, _ = faked(exc=exc)
    with pytest.raises(GridError) as err:
        client.upload(b"x")
    assert not isinstance(err.value, NodeUnreachableError)
    assert "closed the connection" in str(err.value)


def test_a_timeout_says_so():
    client, _ = faked(exc=requests.ReadTimeout("read timed out"))
    with pytest.raises(GridError, match="did not answer in time"):
        client.node_status()


def test_mkdir_and_set_children_in_a_read_only_directory_fail_before_any_request():
    client, adapter = faked(200, "")
    with pytest.raises(ReadOnlyError):
        client.mkdir(CAPS["DIR2-RO"], "x")
    with pytest.raises(ReadOnlyError):
        client.set_children(CAPS["DIR2-MDMF-RO"], {"f": (CAPS["CHK"], {})})
    assert adapter.requests == []


def test_a_range_the_node_ignored_raises():
    client, _ = faked(200, "the whole body")
    with pytest.raises(GridError, match="ignored the requested range"):
        with client.download(CAPS["CHK"], start=500) as chunks:
            list(chunks)
