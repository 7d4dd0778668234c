"""Caps never reach text: redact() and the log-record factory."""

from __future__ import annotations

import logging
from urllib.parse import quote

import tahoegui.grid  # noqa: F401  (installs the log redaction)
from tahoegui.grid.errors import GridError
from tahoegui.grid.redact import redact
from tahoegui.grid.signing_keys import new_signing_key
from tests.unit.grid.sample_caps import CAPS


def test_a_plain_cap_becomes_its_kind_and_a_short_prefix():
    assert redact(f"listing {CAPS['DIR2']} failed") == "listing <DIR2:vtst…> failed"


def test_every_kind_is_redacted():
    for kind, cap in CAPS.items():
        out = redact(f"[{cap}]")
        secret = cap[len(f"URI:{kind}:") :]
        assert "URI:" not in out
        assert out == f"[<{kind}:{secret[:4]}…>]"


def test_a_percent_encoded_cap_in_a_url_is_redacted():
    for cap in (quote(CAPS["DIR2"], safe=""), CAPS["MDMF"].replace(":", "%3a")):
        url = f"http://127.0.0.1:3456/uri/{cap}/sub/file.txt?t=json"
        out = redact(url)
        assert "URI%3A" not in out.upper() and "URI:" not in out
        assert out.endswith("/sub/file.txt?t=json")
    assert redact(quote(CAPS["DIR2"], safe="")).startswith("<DIR2:vtst")


def test_several_caps_in_one_text():
    text = f"move {CAPS['CHK']} from {CAPS['DIR2']}/a to {quote(CAPS['DIR2-RO'], safe='')}/b, {CAPS['LIT']}"
    out = redact(text)
    assert out == "move <CHK:mjfs…> from <DIR2:vtst…>/a to <DIR2-RO:yqkp…>/b, <LIT:nbuq…>"


def test_text_without_caps_is_unchanged():
    for text in ("", "URI is a word", "no URI: here? see URI:", "uri:dir2:lower"):
        assert redact(text) == text


def test_log_records_are_redacted_whatever_logs_them(caplog):
    url = f"/uri/{quote(CAPS['DIR2'], safe='')}?t=json"
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("urllib3.connectionpool").debug(
            '%s://%s:%s "%s %s %s" %s %s', "http", "127.0.0.1", 3456, "GET", url, "HTTP/1.1", 200, 10
        )
        logging.getLogger("somewhere.else").warning("cap %s and %r", CAPS["SSK"], {"k": CAPS["MDMF"]})
    texts = [r.getMessage() for r in caplog.records]
    assert len(texts) == 2
    assert all("URI:" not in t and "URI%3A" not in t for t in texts)
    assert "GET /uri/<DIR2:vtst…>?t=json" in texts[0]


def test_a_logged_traceback_is_redacted_for_every_handler(caplog):
    url = f"/uri/{quote(CAPS['DIR2'], safe='')}?t=json"
    try:
        raise ConnectionError(f"Max retries exceeded with url: {url} and {CAPS['CHK']}")
    except ConnectionError:
        with caplog.at_level(logging.ERROR):
            logging.getLogger("somewhere.else").exception("the request failed")
    text = caplog.text
    assert "the request failed" in text and "Max retries exceeded with url: /uri/<DIR2:vtst…>" in text
    assert "URI:" not in text and "URI%3A" not in text


def test_grid_errors_redact_action_and_reason():
    err = GridError(f"linking {CAPS['DIR2']}", f"bad child {quote(CAPS['CHK'], safe='')}", 400)
    assert "URI" not in str(err) and str(err) == "linking <DIR2:vtst…> (400): bad child <CHK:mjfs…>"


def test_a_signing_key_in_a_request_line_is_removed_whole():
    key = new_signing_key()
    for spelled in (key, quote(key, safe="")):
        line = f'"POST /uri?t=mkdir-with-children&private-key={spelled}&format=SDMF HTTP/1.1" 200'
        out = redact(line)
        assert spelled not in out and key[:40] not in out
        assert out == '"POST /uri?t=mkdir-with-children&private-key=<redacted>&format=SDMF HTTP/1.1" 200'


def test_a_signing_key_is_removed_in_any_spelling_and_nothing_else_goes():
    key = new_signing_key()
    spellings = {
        f"{{'t': 'mkdir-with-children', 'private-key': '{key}'}}": "{'t': 'mkdir-with-children', 'private-key': '<redacted>'}",
        f"key {key} was refused": "key <redacted> was refused",
        f"key {key.replace('-', '+').replace('_', '/')}": "key <redacted>",  # plain base64
        f"/uri?private-key={quote(key, safe='')}%26t%3Dmkdir": "/uri?private-key=<redacted>%26t%3Dmkdir",
    }
    for text, expected in spellings.items():
        assert redact(text) == expected


def test_objects_holding_caps_have_reprs_without_them():
    from tahoegui.copier.plan import FileCopy, GridLinkPoint, TargetDir
    from tahoegui.copier.sources import GridDirSource, GridFileSource
    from tahoegui.copier.spec import GridSpec
    from tahoegui.copier.targets import GridTarget
    from tahoegui.grid.types import GridEntry, GridListing
    from tahoegui.jobs.connection import GridConnection
    from tahoegui.models.grid_item import GridItem, RowKind

    dircap, filecap = CAPS["DIR2"], CAPS["CHK"]
    entry = GridEntry(name="f", kind="file", rw_uri=filecap, ro_uri=filecap, metadata={"x": filecap})
    spec = GridSpec(f"{dircap}/sub", dircap, "sub", False)
    d, f, ro = redact(dircap), redact(filecap), redact(CAPS["DIR2-RO"])  # <DIR2:vtst…> and so on
    shown = [  # each object, and every cap it holds as its repr must show it
        (entry, {f}),
        (GridListing(node=entry, children={"f": entry}), {f}),
        (spec, {d}),
        (GridTarget(spec, "dir", entry, {"f": entry}), {d, f}),
        (GridFileSource(entry, "f", f"{dircap}/f"), {d, f}),
        (GridDirSource(entry, "d", f"{dircap}/d"), {d, f}),
        (FileCopy(GridFileSource(entry, "f", f"{dircap}/f"), "f", "link", f"{dircap}/f"), {d, f}),
        (TargetDir(f"{dircap}/t", cap=dircap, read_cap=CAPS["DIR2-RO"]), {d, ro}),
        (GridLinkPoint(dircap, "a", "b", True), {d}),
        (GridConnection("http://127.0.0.1:3456/", {"home": dircap}), {d}),
        (GridItem(RowKind.ROOT, "home", dircap, ""), {d}),
    ]
    for obj, forms in shown:
        text = repr(obj)
        assert "URI:" not in text, text
        assert {form for form in (d, f, ro) if form in text} == forms, text
