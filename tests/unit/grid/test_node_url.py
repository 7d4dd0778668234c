"""Which node URLs send caps over the network unencrypted (the status bar warns about those)."""

from __future__ import annotations

import pytest

from tahoegui.grid.node_url import host_of, sends_caps_in_clear


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:3456/",
        "http://127.0.0.2:3456",  # all of 127.0.0.0/8 is this computer
        "http://127.255.255.254/",
        "http://localhost",
        "http://LocalHost:3456/",
        "http://[::1]:3456",
        "http://[::ffff:127.0.0.1]:3456/",
        "https://example.org",
        "https://192.168.1.5:3456/",
        "HTTPS://mynode.lan/",
    ],
)
def test_loopback_and_https_urls_keep_caps_off_the_wire(url):
    assert not sends_caps_in_clear(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://192.168.1.5:3456",
        "http://mynode.lan",
        "http://192.0.2.1:3456/",
        "http://10.0.0.1/",
        "http://[2001:db8::1]:3456/",
        "http://localhost.example.org/",  # a name that merely starts like localhost
        "http://128.0.0.1/",
        "http://0.0.0.0:3456/",
        "http://[::1",  # a URL that cannot be read: assume the worst
        "",
    ],
)
def test_plain_http_to_another_computer_sends_caps_in_clear(url):
    assert sends_caps_in_clear(url)


def test_the_warning_names_the_host_and_port_without_credentials():
    assert host_of("http://192.0.2.1:3456/") == "192.0.2.1:3456"
    assert host_of("http://alice:secret@mynode.lan/") == "mynode.lan"
