"""The node's web API over one keep-alive `requests.Session`. No Qt here.

Every call takes a root cap plus an optional slash-separated path below it, so
callers never build URLs and caps never leave this module inside a message.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import requests
import urllib3

from tahoegui.grid.errors import (
    ConflictError,
    GridError,
    NodeUnreachableError,
    NotFoundError,
    ReadOnlyError,
    UnhappyUploadError,
    useful_reason,
)
from tahoegui.grid.interruptible import InterruptibleAdapter
from tahoegui.grid.types import (
    GridEntry,
    GridListing,
    HealthReport,
    NodeStatus,
    StorageServer,
    UploadBody,
)
from tahoegui.grid.welcome import node_version_from_welcome

log = logging.getLogger(__name__)

BROKEN_OFF = "the request was broken off (cancelled)"  # by interrupt(), not by the node
DEFAULT_TIMEOUT = (5.0, 300.0)  # (connect, read): encoding a big file can take a while
DOWNLOAD_CHUNK = 1024 * 1024
FORMATS = ("CHK", "SDMF", "MDMF")


def nfc(name: str) -> str:
    """Names as the node stores them (NFC-normalised)."""
    return unicodedata.normalize("NFC", name)


def split_path(path: str) -> list[str]:
    """`a/b//c/` -> ["a", "b", "c"]."""
    return [nfc(p) for p in path.split("/") if p]


class GridClient:
    """A client of one Tahoe-LAFS node's web API. Thread-safe enough for a worker pool:
    `requests.Session` shares its connection pool across threads."""

    def __init__(
        self,
        node_url: str,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        happy: int = 7,
        needed: int = 3,
        total: int = 10,
        pool_size: int = 16,
    ):
        self.node_url = node_url.rstrip("/") + "/"
        self.timeout = timeout
        self.happy, self.needed, self.total = happy, needed, total
        self.session = requests.Session()
        # 500s come back as a plain-text traceback instead of an HTML page.
        self.session.headers["Accept"] = "text/plain"
        # Caps travel in URLs: never through a proxy from the environment (tahoe ignores them too).
        self.session.trust_env = False
        self._adapter = InterruptibleAdapter(pool_connections=pool_size, pool_maxsize=pool_size)
        self.session.mount("http://", self._adapter)
        self.session.mount("https://", self._adapter)

    def close(self) -> None:
        self.session.close()

    def interrupt(self) -> None:
        """Break off every request in flight, from any thread (for cancelling): each fails
        at once with a GridError instead of waiting for the node, and so does every request
        started before resume()."""
        self._adapter.interrupt()

    def resume(self) -> None:
        """Requests work again after an interrupt()."""
        self._adapter.resume()

    # ---- URL building and requests -------------------------------------------------

    def url(self, cap: str | None = None, path: str = "") -> str:
        """`/uri/CAP/seg/seg`, each part percent-encoded; `/uri` when cap is None."""
        base = self.node_url + "uri"
        if cap is None:
            return base
        parts = [quote(cap.strip(), safe="")] + [quote(p.encode("utf-8"), safe="") for p in split_path(path)]
        return base + "/" + "/".join(parts)

    def _request(
        self,
        method: str,
        url: str,
        action: str,
        *,
        ok: tuple[int, ...] = (200, 201),
        stream: bool = False,
        **kwargs: Any,
    ) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        if self._adapter.interrupted:
            raise GridError(action, BROKEN_OFF)
        try:
            resp = self.session.request(method, url, stream=stream, **kwargs)
        except requests.RequestException as e:
            raise self._transport_error(e, action) from None
        if resp.status_code not in ok:
            body = resp.text if not stream else resp.raw.read(64 * 1024).decode("utf-8", "replace")
            resp.close()
            raise self._error(action, resp.status_code, body)
        return resp

    def _transport_error(self, e: requests.RequestException, action: str) -> GridError:
        """A GridError for a request that got no HTTP answer. Never carries the URL (it has caps)."""
        if self._adapter.interrupted:  # we broke it off: the node did nothing wrong
            return GridError(action, BROKEN_OFF)
        if isinstance(e, requests.ConnectTimeout) or (
            isinstance(e, requests.ConnectionError) and _is_connect_failure(e)
        ):
            return NodeUnreachableError(self.node_url, action)
        if isinstance(e, requests.Timeout):
            return GridError(action, "the node did not answer in time")
        if isinstance(e, (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
            # The node accepted the connection, then broke it off (or sent garbage), before
            # its answer began or in the middle of it.
            return GridError(action, "the node closed the connection without a proper answer")
        return GridError(action, type(e).__name__)

    @staticmethod
    def _error(action: str, status: int, body: str) -> GridError:
        reason = useful_reason(body)
        if status == 404:
            return NotFoundError(action, reason or "no such file or directory", status)
        if status == 409:
            return ConflictError(action, reason or "the name already exists", status)
        if "NotWriteableError" in body:
            return ReadOnlyError(action, "it is read-only (NotWriteableError)", status)
        if "read-only cap" in body or "read-only" in reason.lower():
            return ReadOnlyError(action, reason or "read-only", status)
        if "UploadUnhappinessError" in body or "NoServersError" in body:
            return UnhappyUploadError(action, reason, status)
        return GridError(action, reason, status)

    # ---- reading -------------------------------------------------------------------

    def stat(self, cap: str, path: str = "") -> GridEntry:
        """What `cap/path` is, without its children."""
        return self._stat_raw(cap, path)[0]

    def list_dir(self, cap: str, path: str = "", read_timeout: float | None = None) -> GridListing:
        """A directory and its children. Raises GridError if it is not a directory.
        `read_timeout` lengthens the client's wait for this request (a patient retry)."""
        listing = self.examine(cap, path, read_timeout)
        if not listing.node.is_dir:
            raise GridError(f"listing {self._describe(path)}", "not a directory")
        return listing

    def examine(self, cap: str, path: str = "", read_timeout: float | None = None) -> GridListing:
        """What `cap/path` is and, for a directory, its children: the one request that
        answers both (children are empty for anything else)."""
        entry, raw = self._stat_raw(cap, path, read_timeout)
        found = raw[1].get("children", {}) if entry.is_dir else {}
        children = {}
        for name, node in found.items():
            name = nfc(name)
            children[name] = GridEntry.from_json(name, node)
        return GridListing(node=entry, children=children)

    def _stat_raw(self, cap: str, path: str, read_timeout: float | None = None) -> tuple[GridEntry, list[Any]]:
        action = f"examining {self._describe(path)}"
        resp = self._request(
            "GET", self.url(cap, path), action, params={"t": "json"}, timeout=self._timeout(read_timeout)
        )
        try:
            # from the bytes: resp.json() would decode 2 MB of a big folder's listing as
            # text first (as Latin-1: the node says text/plain, no charset)
            raw = json.loads(resp.content)
        except ValueError:
            raise GridError(action, "the node's answer was not JSON", resp.status_code) from None
        parts = split_path(path)
        return GridEntry.from_json(parts[-1] if parts else "", raw), raw

    @contextmanager
    def download(
        self,
        cap: str,
        path: str = "",
        start: int | None = None,
        end: int | None = None,
        chunk_size: int = DOWNLOAD_CHUNK,
        on_size: Callable[[int | None], None] | None = None,
    ) -> Iterator[Iterator[bytes]]:
        """Stream a file's bytes: `with client.download(cap) as chunks: for c in chunks: ...`.

        `start`/`end` (inclusive) ask for a range; a range the node ignored raises
        instead of silently returning the whole body. `on_size` hears the body's length
        (None if the node did not say) before the first chunk: listings give no size
        for mutable files, the response does.
        """
        headers = {}
        if start is not None or end is not None:
            headers["Range"] = f"bytes={start or 0}-{'' if end is None else end}"
        action = f"downloading {self._describe(path)}"
        resp = self._request("GET", self.url(cap, path), action, ok=(200, 206), stream=True, headers=headers)
        try:
            if headers and resp.status_code != 206:
                raise GridError(action, "the node ignored the requested range (past the end?)", resp.status_code)
            if on_size is not None:
                length = resp.headers.get("Content-Length", "")
                on_size(int(length) if length.isdigit() else None)
            yield resp.iter_content(chunk_size=chunk_size)
        except requests.RequestException as e:
            raise self._transport_error(e, action) from None
        finally:
            resp.close()

    def read_bytes(self, cap: str, path: str = "") -> bytes:
        """A small file's whole contents (for tests and tiny reads; use download() to stream)."""
        with self.download(cap, path) as chunks:
            return b"".join(chunks)

    # ---- writing -------------------------------------------------------------------

    def upload(self, data: UploadBody, fmt: str = "CHK", read_timeout: float | None = None) -> str:
        """Upload unlinked; answers the new file's cap. `data` is streamed, never read whole.

        `read_timeout`: how long to wait for the answer after sending; the node answers only
        once it has encoded and stored the file, so big files want more than the default.
        """
        self._check_format(fmt)
        resp = self._request(
            "PUT",
            self.url(),
            "uploading a file",
            data=data,
            params={"format": fmt},
            timeout=self._timeout(read_timeout),
        )
        return resp.text.strip()

    def upload_to(
        self,
        dircap: str,
        path: str,
        data: UploadBody,
        fmt: str | None = None,
        replace: bool = True,
        read_timeout: float | None = None,
    ) -> str:
        """Upload and link at `dircap/path` (creating intermediate directories).

        An existing writable mutable file there is updated in place. Answers the file's cap.
        """
        params: dict[str, str] = {}
        if fmt:
            self._check_format(fmt)
            params["format"] = fmt
        if not replace:
            params["replace"] = "false"
        resp = self._request(
            "PUT",
            self.url(dircap, path),
            f"uploading {self._describe(path)}",
            data=data,
            params=params,
            timeout=self._timeout(read_timeout),
        )
        return resp.text.strip()

    def _timeout(self, read_timeout: float | None) -> tuple[float, float]:
        return (self.timeout[0], max(self.timeout[1], read_timeout or 0.0))

    def mkdir(self, dircap: str | None = None, path: str = "") -> str:
        """A new empty directory: unlinked when `dircap` is None, else at `dircap/path`
        (intermediates created; an existing directory there is answered as is)."""
        action = f"creating directory {self._describe(path)}"
        if dircap is not None:
            # The node answers this with a broken HTTP response instead of an error.
            _refuse_read_only_dir(dircap, action)
        resp = self._request("POST", self.url(dircap, path), action, params={"t": "mkdir"})
        return resp.text.strip()

    def mkdir_with_children(
        self,
        children: Mapping[str, ChildLink],
        dircap: str | None = None,
        name: str | None = None,
        immutable: bool = False,
        path: str = "",
        signing_key: str | None = None,
    ) -> str:
        """A directory born with its children, in one request. Linked as `name` in
        `dircap/path` when `dircap` and `name` are given (an existing name there is a
        ConflictError). A new mutable directory that is not linked may bring its own
        `signing_key` (see signing_keys.py), sparing the node a key generation."""
        params = {"t": "mkdir-immutable" if immutable else "mkdir-with-children"}
        if dircap is not None and name is not None:
            params["name"] = nfc(name)
        if signing_key is not None:
            # the node reads private-key= only on unlinked creation (web/unlinked.py)
            if dircap is not None or immutable:
                raise ValueError("a signing key is for a new, unlinked mutable directory")
            params["private-key"] = signing_key
        action = f"creating directory {self._describe(name)}" if name else "creating a new directory"
        body = json.dumps(_children_json(children))
        resp = self._request(
            "POST", self.url(dircap, path) if dircap else self.url(), action, params=params, data=body.encode("utf-8")
        )
        return resp.text.strip()

    def set_children(
        self, dircap: str, children: Mapping[str, ChildLink], path: str = "", replace: bool = True
    ) -> None:
        """Link many entries into one directory in one request."""
        if not children:
            return
        params = {"t": "set_children"}
        if not replace:
            params["replace"] = "false"  # the node reads replace=, not the documented overwrite=
        action = f"linking into {self._describe(path)}"
        _refuse_read_only_dir(dircap, action)  # the node fails an assertion (500) instead
        body = json.dumps(_children_json(children))
        self._request("POST", self.url(dircap, path), action, params=params, data=body.encode("utf-8"))

    def attach(self, dircap: str, path: str, cap: str, replace: bool = True) -> None:
        """Link an existing object (by cap) at `dircap/path`."""
        params = {"t": "uri"}
        if not replace:
            params["replace"] = "false"
        self._request(
            "PUT", self.url(dircap, path), f"linking {self._describe(path)}", params=params, data=cap.encode("ascii")
        )

    def unlink(self, dircap: str, path: str) -> None:
        """Remove the link at `dircap/path` (the object itself stays reachable by its cap)."""
        self._request("DELETE", self.url(dircap, path), f"deleting {self._describe(path)}")

    def rename(self, dircap: str, from_name: str, to_name: str, path: str = "", replace: bool = True) -> None:
        """Rename a child within one directory."""
        params = {
            "t": "rename",
            "from_name": nfc(from_name),
            "to_name": nfc(to_name),
            "replace": "true" if replace else "false",
        }
        self._request("POST", self.url(dircap, path) + "/", f"renaming {from_name!r}", params=params)

    def relink(
        self,
        dircap: str,
        from_name: str,
        to_dircap: str,
        to_path: str = "",
        to_name: str | None = None,
        path: str = "",
        replace: bool = True,
    ) -> None:
        """Move a child to another directory (the new link is made before the old is removed)."""
        target = to_dircap + ("/" + "/".join(split_path(to_path)) if split_path(to_path) else "")
        params = {
            "t": "relink",
            "from_name": nfc(from_name),
            "to_dir": target,
            "to_name": nfc(to_name or from_name),
            "replace": "true" if replace else "false",
        }
        self._request("POST", self.url(dircap, path) + "/", f"moving {from_name!r}", params=params)

    # ---- health and status ---------------------------------------------------------

    def check(
        self, cap: str, path: str = "", verify: bool = False, repair: bool = False, add_lease: bool = False
    ) -> HealthReport:
        """Check (and optionally verify every share, and repair) one object."""
        params = {"t": "check", "output": "JSON"}
        for key, on in (("verify", verify), ("repair", repair), ("add-lease", add_lease)):
            if on:
                params[key] = "true"
        verb = "repairing" if repair else "verifying" if verify else "checking"
        resp = self._request("POST", self.url(cap, path), f"{verb} {self._describe(path)}", params=params)
        return _health_from_json(resp.json())

    def welcome(self) -> dict[str, Any]:
        """The node's welcome page as JSON (`/?t=json`): its storage servers and their state.
        A GridError if no Tahoe-LAFS node answers it."""
        action = "asking the node for its status"
        resp = self._request("GET", self.node_url, action, params={"t": "json"})
        try:
            page = resp.json()
        except ValueError:
            raise GridError(action, "the node's answer was not JSON", resp.status_code) from None
        if not isinstance(page, dict):
            raise GridError(action, "the node's answer was not its welcome page", resp.status_code)
        return page

    def node_status(self) -> NodeStatus:
        """Connected storage servers, their nicknames and free space, and the happiness needed."""
        servers = [
            StorageServer(
                nodeid=s.get("nodeid", ""),
                nickname=s.get("nickname") or "",
                connected=str(s.get("connection_status", "")).lower().startswith("connected"),
                available_space=s.get("available_space"),
            )
            for s in self.welcome().get("servers", [])
        ]
        return NodeStatus(servers=servers, happy=self.happy, needed=self.needed, total=self.total)

    def node_version(self) -> str | None:
        """The node's software and version as its welcome page states it (`tahoe-lafs/1.20.0`),
        or None when the page does not say."""
        resp = self._request("GET", self.node_url, "asking the node for its version", headers={"Accept": "text/html"})
        return node_version_from_welcome(resp.text)

    # ---- helpers -------------------------------------------------------------------

    @staticmethod
    def _check_format(fmt: str) -> None:
        if fmt.upper() not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")

    @staticmethod
    def _describe(path: str) -> str:
        return f"'{path}'" if path else "the object"


def _is_connect_failure(e: requests.ConnectionError) -> bool:
    """True if no connection could be made at all (refused, no such host)."""
    reason = getattr(e.args[0], "reason", None) if e.args else None
    return isinstance(reason, urllib3.exceptions.NewConnectionError) or isinstance(
        e.args[0] if e.args else None, urllib3.exceptions.NewConnectionError
    )


def _refuse_read_only_dir(dircap: str, action: str) -> None:
    from tahoegui.grid.caps import CapError, parse

    try:
        info = parse(dircap)
    except CapError:
        return  # let the node judge a cap we do not know
    if info.is_directory and not info.is_writable:
        raise ReadOnlyError(action, "the directory is read-only")


# A child to link: its cap (write cap for mutable objects, else read cap) and user metadata.
ChildLink = tuple[str, Mapping[str, Any]]


def _children_json(children: Mapping[str, ChildLink]) -> dict[str, Any]:
    from tahoegui.grid.caps import CapError, parse

    out: dict[str, Any] = {}
    for name, (cap, metadata) in children.items():
        try:
            info = parse(cap)
            nodetype = "dirnode" if info.is_directory else "filenode"
            key = "rw_uri" if info.is_writable else "ro_uri"
        except CapError:
            nodetype, key = "unknown", "ro_uri"
        out[nfc(name)] = [nodetype, {key: cap, "metadata": dict(metadata)}]
    return out


def _health_from_json(data: dict[str, Any]) -> HealthReport:
    if "pre-repair-results" in data:
        post = data.get("post-repair-results", {})
        results = post.get("results", {})
        summary = post.get("summary", "")
    else:
        results = data.get("results", {})
        summary = data.get("summary", "")
    return HealthReport(
        healthy=bool(results.get("healthy")),
        recoverable=bool(results.get("recoverable")),
        summary=summary,
        shares_good=results.get("count-shares-good"),
        shares_needed=results.get("count-shares-needed"),
        shares_expected=results.get("count-shares-expected"),
        corrupt_shares=int(results.get("count-corrupt-shares", 0) or 0),
        repair_attempted=bool(data.get("repair-attempted", False)),
        repair_successful=data.get("repair-successful"),
        raw=data,
    )
