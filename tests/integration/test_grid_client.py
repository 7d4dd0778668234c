"""Every GridClient operation against the real private grid (session fixture `grid`)."""

from __future__ import annotations

import hashlib
import io
import os
import time
import unicodedata
from pathlib import Path

import pytest

from tahoegui.grid import caps
from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import ConflictError, GridError, NotFoundError

pytestmark = pytest.mark.grid

MiB = 1024 * 1024


class CountingReader:
    """A read()-only stream of deterministic bytes that records every read asked of it.

    It has no __len__, fileno or seek, so the only way to send it is to stream it."""

    def __init__(self, size: int, seed: bytes = b"tahoegui") -> None:
        self.remaining = size
        self.reads: list[int | None] = []
        self.digest = hashlib.sha256()
        self._block = hashlib.sha256(seed).digest() * 2048  # 64 KiB pattern
        self._offset = 0

    def read(self, size: int | None = -1) -> bytes:
        self.reads.append(size)
        if size is None or size < 0:
            size = self.remaining
        size = min(size, self.remaining)
        out = bytearray()
        while len(out) < size:
            start = self._offset % len(self._block)
            piece = self._block[start : start + size - len(out)]
            out += piece
            self._offset += len(piece)
        self.remaining -= size
        self.digest.update(out)
        return bytes(out)


class CountingFile(io.FileIO):
    """A real file whose reads are recorded."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "rb")
        self.read_sizes: list[int] = []

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        self.read_sizes.append(len(data))
        return data


def sha256_of_download(client: GridClient, cap: str, path: str = "") -> tuple[str, int, int]:
    """(hex digest, total bytes, number of chunks) of a streamed download."""
    digest, total, chunks = hashlib.sha256(), 0, 0
    with client.download(cap, path, chunk_size=MiB) as stream:
        for chunk in stream:
            assert len(chunk) <= MiB
            digest.update(chunk)
            total += len(chunk)
            chunks += 1
    return digest.hexdigest(), total, chunks


# ---- listing and stat ----------------------------------------------------------------------


def test_listing_reports_each_child_with_kind_size_format_caps_times_and_metadata(client, fresh_dir):
    before = time.time()
    chk = client.upload(b"c" * 1000)  # over the 55-byte LIT limit
    lit = client.upload(b"tiny")
    sdmf = client.upload(b"s" * 300, fmt="SDMF")
    mdmf = client.upload(b"m" * 400, fmt="MDMF")
    sub = client.mkdir()
    client.set_children(
        fresh_dir,
        {
            "chk.bin": (chk, {"mtime": 1234567890.5, "note": "hello"}),
            "lit.txt": (lit, {}),
            "sdmf": (sdmf, {}),
            "mdmf": (mdmf, {}),
            "sub": (sub, {"ctime": 42.0}),
        },
    )
    listing = client.list_dir(fresh_dir)

    assert listing.node.is_dir and listing.node.mutable
    assert listing.node.rw_uri == fresh_dir
    assert caps.parse(listing.node.ro_uri).kind == "DIR2-RO"
    assert caps.parse(listing.node.verify_uri).is_verify
    assert sorted(listing.children) == ["chk.bin", "lit.txt", "mdmf", "sdmf", "sub"]

    c = listing.children["chk.bin"]
    assert (c.kind, c.size, c.format, c.mutable) == ("file", 1000, "CHK", False)
    assert c.ro_uri == chk and c.rw_uri is None and c.best_cap == chk
    assert caps.parse(c.verify_uri).kind == "CHK-Verifier"
    assert c.metadata == {"mtime": 1234567890.5, "note": "hello"}
    assert c.mtime == 1234567890.5
    assert before - 5 <= c.link_created <= time.time() + 5
    assert c.link_modified >= c.link_created

    lt = listing.children["lit.txt"]
    assert (lt.kind, lt.size, lt.format, lt.mutable) == ("file", 4, "CHK", False)  # LIT shows as CHK
    assert caps.parse(lt.ro_uri).kind == "LIT" and lt.verify_uri is None
    assert lt.mtime == lt.link_modified  # no user mtime: the link time stands in

    for name, cap, fmt in (("sdmf", sdmf, "SDMF"), ("mdmf", mdmf, "MDMF")):
        e = listing.children[name]
        assert (e.kind, e.format, e.mutable, e.writable) == ("file", fmt, True, True)
        assert e.rw_uri == cap
        assert e.ro_uri == caps.diminish(cap)
        assert caps.parse(e.verify_uri).is_verify
    # A listing does not fetch mutable files, so their size may be unknown there;
    # stat of the file itself fetches it.
    assert listing.children["sdmf"].size in (None, 300) and listing.children["mdmf"].size in (None, 400)
    assert client.stat(fresh_dir, "sdmf").size == 300 and client.stat(mdmf).size == 400

    d = listing.children["sub"]
    assert (d.kind, d.mutable, d.size, d.rw_uri) == ("directory", True, None, sub)
    assert d.metadata == {"ctime": 42.0}
    assert d.link_created is not None


def test_listing_through_a_read_only_cap_gives_no_write_caps(client, fresh_dir):
    client.upload_to(fresh_dir, "m", b"mutable", fmt="MDMF")
    client.mkdir(fresh_dir, "d")
    ro = client.stat(fresh_dir).ro_uri
    listing = client.list_dir(ro)
    assert listing.node.rw_uri is None and not listing.node.writable
    assert all(e.rw_uri is None for e in listing.children.values())
    assert caps.parse(listing.children["d"].ro_uri).kind == "DIR2-RO"


def test_listing_a_path_below_a_cap_and_a_file_is_refused(client, fresh_dir):
    client.upload_to(fresh_dir, "a/b/f.txt", b"x" * 100)
    assert list(client.list_dir(fresh_dir, "a/b").children) == ["f.txt"]
    with pytest.raises(GridError, match="not a directory"):
        client.list_dir(fresh_dir, "a/b/f.txt")


def test_stat_by_path_and_by_bare_cap(client, fresh_dir):
    cap = client.upload_to(fresh_dir, "dir/file.bin", b"z" * 5000)
    by_path = client.stat(fresh_dir, "dir/file.bin")
    assert (by_path.name, by_path.kind, by_path.size, by_path.ro_uri) == ("file.bin", "file", 5000, cap)
    by_cap = client.stat(cap)
    assert (by_cap.name, by_cap.kind, by_cap.size, by_cap.format) == ("", "file", 5000, "CHK")
    assert client.stat(fresh_dir, "dir").is_dir


def test_names_are_compared_in_nfc(client, fresh_dir):
    decomposed = unicodedata.normalize("NFD", "café ünï.txt")
    client.upload_to(fresh_dir, decomposed, b"x")
    composed = unicodedata.normalize("NFC", decomposed)
    assert list(client.list_dir(fresh_dir).children) == [composed]
    assert client.stat(fresh_dir, decomposed).name == composed


# ---- upload --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, kind", [("CHK", "CHK"), ("SDMF", "SSK"), ("MDMF", "MDMF")])
def test_unlinked_upload_from_a_file_object_in_each_format(client, fmt, kind, unique):
    body = f"unlinked {fmt} {unique}\n".encode() * 50
    cap = client.upload(io.BytesIO(body), fmt=fmt)
    info = caps.parse(cap)
    assert info.kind == kind and info.is_writable == (fmt != "CHK")
    assert client.read_bytes(cap) == body
    assert client.stat(cap).format == fmt


@pytest.mark.parametrize("fmt", ["CHK", "SDMF", "MDMF"])
def test_linked_upload_from_an_unsized_reader_creates_intermediate_directories(client, fresh_dir, fmt):
    reader = CountingReader(200_000)
    cap = client.upload_to(fresh_dir, f"x/y/{fmt}.bin", reader, fmt=fmt)
    entry = client.stat(fresh_dir, f"x/y/{fmt}.bin")
    assert entry.format == fmt and entry.size == 200_000 and entry.best_cap == cap
    assert client.stat(fresh_dir, "x").is_dir
    assert sha256_of_download(client, cap)[0] == reader.digest.hexdigest()


def test_big_upload_streams_from_a_reader_in_small_reads(client, fresh_dir):
    size = 16 * MiB
    reader = CountingReader(size)
    cap = client.upload_to(fresh_dir, "big.bin", reader)
    assert None not in reader.reads and -1 not in reader.reads, "asked for the whole stream at once"
    assert max(r for r in reader.reads if r is not None) <= 4 * MiB
    assert len(reader.reads) >= size // (4 * MiB)
    digest, total, chunks = sha256_of_download(client, cap)
    assert (digest, total) == (reader.digest.hexdigest(), size)
    assert chunks >= 4  # streamed down in pieces too


def test_upload_of_a_real_file_streams_it(client, tmp_path):
    path = tmp_path / "data.bin"
    with open(path, "wb") as f:
        for _i in range(12):
            f.write(os.urandom(MiB))
    with CountingFile(path) as f:
        cap = client.upload(f)
        assert sum(f.read_sizes) == 12 * MiB
        assert max(f.read_sizes) <= 4 * MiB and len(f.read_sizes) >= 3
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    assert sha256_of_download(client, cap)[:2] == (expected, 12 * MiB)


def test_upload_onto_a_writable_mutable_file_updates_it_in_place(client, fresh_dir):
    first = client.upload_to(fresh_dir, "m.txt", b"version one", fmt="MDMF")
    second = client.upload_to(fresh_dir, "m.txt", b"version two, longer")
    assert first == second
    assert client.read_bytes(fresh_dir, "m.txt") == b"version two, longer"


def test_upload_replacing_an_immutable_file_links_the_new_one(client, fresh_dir):
    client.upload_to(fresh_dir, "f", b"old" * 100)
    new = client.upload_to(fresh_dir, "f", b"new" * 100)
    assert client.stat(fresh_dir, "f").ro_uri == new
    assert client.read_bytes(fresh_dir, "f") == b"new" * 100


def test_empty_upload(client, fresh_dir):
    cap = client.upload_to(fresh_dir, "empty", io.BytesIO(b""))
    assert client.read_bytes(cap) == b"" and client.stat(fresh_dir, "empty").size == 0


# ---- download ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["CHK", "MDMF"])
def test_download_ranges_answer_exactly_the_bytes_asked(client, fmt):
    body = bytes(range(256)) * 40  # 10240 bytes
    cap = client.upload(body, fmt=fmt)

    def ranged(start, end=None):
        with client.download(cap, start=start, end=end) as chunks:
            return b"".join(chunks)

    assert ranged(10, 19) == body[10:20]
    assert ranged(0, 0) == body[:1]
    assert ranged(10000) == body[10000:]
    assert ranged(len(body) - 1) == body[-1:]
    assert ranged(100, 10**9) == body[100:]  # an end past the size is cut short, not refused
    assert ranged(None, 99) == body[:100]


IGNORED_RANGE = "downloading the object (200): the node ignored the requested range (past the end?)"
REFUSED_RANGE = "downloading the object (416): First beyond end of file"


@pytest.mark.parametrize(
    "start, end, error",
    [
        # `bytes=N-` past the end: the node ignores the range and sends the whole file (200)
        (10240, None, IGNORED_RANGE),
        (20000, None, IGNORED_RANGE),
        # `bytes=N-M` past the end: the node refuses it (416)
        (10240, 10300, REFUSED_RANGE),
        (50000, 60000, REFUSED_RANGE),
    ],
)
def test_a_range_past_the_end_raises_instead_of_returning_the_whole_file(client, start, end, error):
    cap = client.upload(bytes(range(256)) * 40)
    with pytest.raises(GridError) as err, client.download(cap, start=start, end=end) as chunks:
        b"".join(chunks)
    assert str(err.value) == error


def test_download_by_path_streams_in_chunks(client, fresh_dir):
    body = os.urandom(3 * MiB + 17)
    client.upload_to(fresh_dir, "d/file", body)
    with client.download(fresh_dir, "d/file", chunk_size=256 * 1024) as chunks:
        pieces = list(chunks)
    assert b"".join(pieces) == body
    assert [len(p) for p in pieces] == [256 * 1024] * 12 + [17]


@pytest.mark.parametrize("fmt", ["SDMF", "MDMF"])
def test_a_mutable_file_listed_without_size_says_its_size_when_downloaded(client, fresh_dir, fmt):
    body = os.urandom(70_000)
    client.upload_to(fresh_dir, "m", body, fmt=fmt)
    assert client.list_dir(fresh_dir).children["m"].size is None  # what makes on_size needed
    sizes: list[int | None] = []
    with client.download(fresh_dir, "m", on_size=sizes.append) as chunks:
        assert sizes == [len(body)]  # before the first chunk
        assert b"".join(chunks) == body


# ---- directories ---------------------------------------------------------------------------


def test_mkdir_unlinked_and_at_a_path_with_intermediates_is_idempotent(client, fresh_dir):
    loose = client.mkdir()
    assert caps.parse(loose).kind == "DIR2" and client.list_dir(loose).children == {}
    deep = client.mkdir(fresh_dir, "a/b/c")
    assert client.stat(fresh_dir, "a/b/c").rw_uri == deep
    assert client.mkdir(fresh_dir, "a/b/c") == deep
    assert list(client.list_dir(fresh_dir, "a").children) == ["b"]


def test_mkdir_with_children_unlinked_and_linked(client, fresh_dir):
    f1 = client.upload(b"one" * 50)
    f2 = client.upload(b"two" * 50, fmt="SDMF")
    sub = client.mkdir()
    children = {"one.txt": (f1, {"mtime": 100.0}), "two": (f2, {}), "sub": (sub, {})}

    loose = client.mkdir_with_children(children)
    listing = client.list_dir(loose)
    assert sorted(listing.children) == ["one.txt", "sub", "two"]
    assert listing.children["one.txt"].metadata == {"mtime": 100.0}
    assert listing.children["two"].rw_uri == f2 and listing.children["sub"].rw_uri == sub

    linked = client.mkdir_with_children(children, dircap=fresh_dir, name="made")
    assert client.stat(fresh_dir, "made").rw_uri == linked
    assert sorted(client.list_dir(fresh_dir, "made").children) == ["one.txt", "sub", "two"]

    with pytest.raises(ConflictError) as err:
        client.mkdir_with_children(children, dircap=fresh_dir, name="made")
    assert err.value.status == 409


def test_immutable_directory_with_immutable_children(client):
    f1 = client.upload(b"imm" * 50)
    cap = client.mkdir_with_children({"f": (f1, {})}, immutable=True)
    assert caps.parse(cap).kind == "DIR2-CHK"
    listing = client.list_dir(cap)
    assert not listing.node.mutable and listing.children["f"].ro_uri == f1


def test_set_children_links_many_entries_in_one_request_and_keeps_user_metadata(client, fresh_dir):
    files = {f"f{i:02}": (client.upload(f"file {i}".encode() * 20), {"mtime": float(i)}) for i in range(12)}
    client.set_children(fresh_dir, files)
    listing = client.list_dir(fresh_dir)
    assert sorted(listing.children) == sorted(files)
    assert all(listing.children[n].ro_uri == files[n][0] for n in files)
    assert listing.children["f07"].metadata == {"mtime": 7.0}

    client.set_children(fresh_dir, {"f00": (files["f01"][0], {})})  # replace by default
    assert client.stat(fresh_dir, "f00").ro_uri == files["f01"][0]
    with pytest.raises(ConflictError):
        client.set_children(fresh_dir, {"f00": (files["f02"][0], {})}, replace=False)
    assert client.stat(fresh_dir, "f00").ro_uri == files["f01"][0]


def test_set_children_below_a_path(client, fresh_dir):
    client.mkdir(fresh_dir, "inner")
    cap = client.upload(b"q" * 99)
    client.set_children(fresh_dir, {"q": (cap, {})}, path="inner")
    assert client.stat(fresh_dir, "inner/q").ro_uri == cap


def test_attach_links_an_existing_object_without_moving_bytes(client, fresh_dir):
    cap = client.upload(b"attach me" * 20)
    mutable = client.upload(b"mut", fmt="MDMF")
    sub = client.mkdir()
    client.attach(fresh_dir, "x/a.txt", cap)
    client.attach(fresh_dir, "m", mutable)
    client.attach(fresh_dir, "s", sub)
    assert client.stat(fresh_dir, "x/a.txt").ro_uri == cap
    assert client.stat(fresh_dir, "m").rw_uri == mutable
    assert client.stat(fresh_dir, "s").rw_uri == sub
    with pytest.raises(ConflictError):
        client.attach(fresh_dir, "x/a.txt", mutable, replace=False)
    client.attach(fresh_dir, "x/a.txt", mutable)
    assert client.stat(fresh_dir, "x/a.txt").rw_uri == mutable


def test_unlink_removes_the_link_but_not_the_object(client, fresh_dir):
    cap = client.upload_to(fresh_dir, "sub/gone.txt", b"bye" * 30)
    client.unlink(fresh_dir, "sub/gone.txt")
    assert client.list_dir(fresh_dir, "sub").children == {}
    assert client.read_bytes(cap) == b"bye" * 30
    with pytest.raises(NotFoundError):
        client.unlink(fresh_dir, "sub/gone.txt")


def test_rename_within_a_directory(client, fresh_dir):
    cap = client.upload_to(fresh_dir, "d/old.txt", b"r" * 80)
    client.upload_to(fresh_dir, "d/taken.txt", b"t" * 80)
    client.rename(fresh_dir, "old.txt", "new name é.txt", path="d")
    assert sorted(client.list_dir(fresh_dir, "d").children) == ["new name é.txt", "taken.txt"]
    assert client.stat(fresh_dir, "d/new name é.txt").ro_uri == cap
    with pytest.raises(ConflictError):
        client.rename(fresh_dir, "new name é.txt", "taken.txt", path="d", replace=False)
    client.rename(fresh_dir, "new name é.txt", "taken.txt", path="d")
    assert client.stat(fresh_dir, "d/taken.txt").ro_uri == cap
    assert list(client.list_dir(fresh_dir, "d").children) == ["taken.txt"]


def test_relink_moves_a_child_to_another_directory_and_path(client, fresh_dir):
    other = client.mkdir()
    cap = client.upload_to(fresh_dir, "src/file.txt", b"move" * 30)
    client.mkdir(other, "deep/er")
    client.relink(fresh_dir, "file.txt", other, to_path="deep/er", to_name="moved.txt", path="src")
    assert client.list_dir(fresh_dir, "src").children == {}
    assert client.stat(other, "deep/er/moved.txt").ro_uri == cap

    client.upload_to(fresh_dir, "keep.txt", b"k" * 70)
    with pytest.raises(ConflictError):
        client.relink(other, "moved.txt", fresh_dir, to_name="keep.txt", path="deep/er", replace=False)
    assert client.stat(other, "deep/er/moved.txt").ro_uri == cap  # nothing moved
    client.relink(other, "moved.txt", fresh_dir, path="deep/er")  # same name, top level
    assert client.stat(fresh_dir, "moved.txt").ro_uri == cap


# ---- health --------------------------------------------------------------------------------


def _share_files(grid, storage_index: str) -> list[Path]:
    base = grid.grid.base_dir
    return sorted(base.glob(f"storage-*/storage/shares/{storage_index[:2]}/{storage_index}/*"))


def test_check_and_verify_a_healthy_file_and_directory(client, fresh_dir):
    cap = client.upload_to(fresh_dir, "f", os.urandom(20_000))
    report = client.check(cap)
    assert report.healthy and report.recoverable
    assert (report.shares_good, report.shares_needed, report.shares_expected) == (3, 2, 3)
    assert report.corrupt_shares == 0 and not report.repair_attempted
    verified = client.check(fresh_dir, "f", verify=True)
    assert verified.healthy and verified.shares_good == 3
    assert client.check(fresh_dir).healthy
    assert client.check(client.upload(b"lit")).healthy  # a LIT file has no shares to lose


def test_repair_restores_a_lost_share(grid, client):
    cap = client.upload(os.urandom(50_000))
    storage_index = client.check(cap).raw["storage-index"]
    shares = _share_files(grid, storage_index)
    assert len(shares) == 3
    shares[0].unlink()

    damaged = client.check(cap, verify=True)
    assert not damaged.healthy and damaged.recoverable and damaged.shares_good == 2
    repaired = client.check(cap, repair=True)
    assert repaired.repair_attempted and repaired.repair_successful
    assert repaired.healthy and repaired.shares_good == 3
    assert len(_share_files(grid, storage_index)) >= 3


def test_node_status_lists_connected_servers_with_nicknames_and_space(client):
    status = client.node_status()
    assert status.connected_count == 3 and status.can_upload
    assert sorted(s.nickname for s in status.servers) == ["storage-1", "storage-2", "storage-3"]
    assert all(s.connected and s.nodeid.startswith("v0-") for s in status.servers)
    assert all(isinstance(s.available_space, int) and s.available_space > 0 for s in status.servers)
    assert (status.needed, status.happy, status.total) == (2, 3, 3)


def test_examine_answers_what_a_path_is_with_a_directorys_children(client, fresh_dir):
    client.upload_to(fresh_dir, "d/inner.txt", b"inner" * 20)
    listing = client.examine(fresh_dir, "d")
    assert listing.node.is_dir and list(listing.children) == ["inner.txt"]
    leaf = client.examine(fresh_dir, "d/inner.txt")
    assert leaf.node.is_file and leaf.children == {}
