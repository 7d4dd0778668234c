"""Each way a node says no, on the real grid: the right GridError, one useful line, no cap."""

from __future__ import annotations

import io
import socket

import pytest

from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import (
    ConflictError,
    GridError,
    NodeUnreachableError,
    NotFoundError,
    ReadOnlyError,
)

pytestmark = pytest.mark.grid


def assert_fit_to_show(error: GridError) -> None:
    """One line, no cap, no traceback, no HTML."""
    text = str(error)
    assert "URI:" not in text and "URI%3A" not in text.upper()
    assert "\n" not in text and "Traceback" not in text
    assert "<" not in text.replace("<DIR2", "").replace("<CHK", "")  # no markup left
    # No chained library exception (its text would carry the URL, and so the cap).
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)


@pytest.fixture
def closed_port_url() -> str:
    """A URL where nothing listens: bound and closed again, never listened on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture
def read_only(client, fresh_dir):
    """A directory with a mutable file in it, and the directory's read-only cap."""
    client.upload_to(fresh_dir, "m.txt", b"mutable contents", fmt="MDMF")
    client.upload_to(fresh_dir, "f.txt", b"immutable " * 20)
    client.mkdir(fresh_dir, "sub")
    return client.stat(fresh_dir).ro_uri


def test_node_down_says_it_cannot_reach_the_node(closed_port_url, fresh_dir):
    down = GridClient(closed_port_url, timeout=(2.0, 5.0))
    calls = [
        lambda: down.list_dir(fresh_dir),
        lambda: down.stat(fresh_dir, "x"),
        lambda: down.upload(io.BytesIO(b"x" * 1000)),
        lambda: down.upload_to(fresh_dir, "x", b"x"),
        lambda: down.mkdir(),
        lambda: down.node_status(),
        lambda: down.read_bytes(fresh_dir, "x"),
        lambda: down.check(fresh_dir),
    ]
    for call in calls:
        with pytest.raises(NodeUnreachableError) as err:
            call()
        assert str(err.value) == f"cannot reach the Tahoe-LAFS node at {closed_port_url}"
        assert err.value.status is None
        assert_fit_to_show(err.value)
    down.close()


def test_unknown_path_is_not_found_with_the_html_page_reduced_to_one_line(client, fresh_dir):
    with pytest.raises(NotFoundError) as err:
        client.stat(fresh_dir, "no/such/thing")
    assert err.value.status == 404
    assert err.value.reason == "No such child: no"
    assert str(err.value) == "examining 'no/such/thing' (404): No such child: no"
    assert_fit_to_show(err.value)

    for call in (
        lambda: client.read_bytes(fresh_dir, "missing"),
        lambda: client.list_dir(fresh_dir, "missing"),
        lambda: client.unlink(fresh_dir, "missing"),
        lambda: client.rename(fresh_dir, "missing", "other"),
    ):
        with pytest.raises(NotFoundError) as err:
            call()
        assert err.value.status == 404 and "missing" in err.value.reason
        assert_fit_to_show(err.value)


def test_a_path_through_a_file_is_an_html_400_reduced_to_its_message(client, fresh_dir):
    client.upload_to(fresh_dir, "file", b"x" * 100)
    with pytest.raises(GridError) as err:
        client.stat(fresh_dir, "file/below")
    assert err.value.status == 400
    assert err.value.reason == "Files have no children named 'below'"
    assert_fit_to_show(err.value)


def test_upload_without_replace_onto_an_existing_name_conflicts(client, fresh_dir):
    client.upload_to(fresh_dir, "taken", b"first" * 20)
    with pytest.raises(ConflictError) as err:
        client.upload_to(fresh_dir, "taken", io.BytesIO(b"second" * 20), replace=False)
    assert err.value.status == 409
    assert "already a child by that name" in err.value.reason
    assert_fit_to_show(err.value)
    assert client.read_bytes(fresh_dir, "taken") == b"first" * 20


@pytest.mark.parametrize("how", ["through a read-only directory", "by its read-only cap"])
def test_writing_a_read_only_mutable_file_is_refused(client, fresh_dir, read_only, how):
    if how == "through a read-only directory":
        call = lambda: client.upload_to(read_only, "m.txt", b"overwrite")  # noqa: E731
    else:
        ro_file = client.stat(fresh_dir, "m.txt").ro_uri
        call = lambda: client.upload_to(ro_file, "", b"overwrite")  # noqa: E731
    with pytest.raises(ReadOnlyError) as err:
        call()
    assert err.value.status == 400
    assert "read-only cap" in err.value.reason
    assert_fit_to_show(err.value)
    assert client.read_bytes(fresh_dir, "m.txt") == b"mutable contents"


def test_writing_into_a_read_only_directory_is_refused(client, fresh_dir, read_only):
    some_file = client.upload(b"attach" * 20)
    writes = {
        "upload": lambda: client.upload_to(read_only, "new.txt", b"x"),
        "upload below": lambda: client.upload_to(read_only, "sub/new.txt", b"x"),
        "mkdir": lambda: client.mkdir(read_only, "newdir"),
        "mkdir below": lambda: client.mkdir(read_only, "sub/newdir"),
        "mkdir-with-children": lambda: client.mkdir_with_children({}, dircap=read_only, name="n"),
        "set_children": lambda: client.set_children(read_only, {"n": (some_file, {})}),
        "attach": lambda: client.attach(read_only, "n", some_file),
        "unlink": lambda: client.unlink(read_only, "f.txt"),
        "rename": lambda: client.rename(read_only, "f.txt", "g.txt"),
        "relink": lambda: client.relink(read_only, "f.txt", fresh_dir, to_name="g.txt"),
    }
    for what, call in writes.items():
        with pytest.raises(ReadOnlyError) as err:
            call()
        assert_fit_to_show(err.value)
        assert "read-only" in err.value.reason, what
    with pytest.raises(ReadOnlyError) as raised:
        client.upload_to(read_only, "x", b"x")
    upload_err = raised.value
    assert upload_err.status == 500 and "NotWriteableError" in upload_err.reason
    assert sorted(client.list_dir(fresh_dir).children) == ["f.txt", "m.txt", "sub"]


def test_a_range_past_the_end_says_so(client):
    cap = client.upload(b"0123456789" * 10)
    with pytest.raises(GridError) as err, client.download(cap, start=100) as chunks:
        list(chunks)
    assert "range" in str(err.value)
    assert_fit_to_show(err.value)


def test_a_malformed_cap_is_unknown_to_stat_and_an_error_to_read(client):
    bad = "URI:DIR2:aaaa:bbbb"
    assert client.stat(bad).kind == "unknown"
    with pytest.raises(GridError) as err:
        client.read_bytes(bad)
    assert err.value.status == 400 and "unknown URI type" in err.value.reason
    assert_fit_to_show(err.value)
    with pytest.raises(GridError, match="not a directory") as err:
        client.list_dir(bad)
    assert_fit_to_show(err.value)
