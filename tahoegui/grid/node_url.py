"""What a node's web-API URL says about the way to it: are caps safe on the wire? No Qt."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("localhost", "localhost.")


def sends_caps_in_clear(url: str) -> bool:
    """True if requests to `url` leave this computer unencrypted: neither `https` nor a
    loopback address (127.0.0.0/8, ::1, localhost). Every request names a cap, and whoever
    reads one on the network holds what it grants. A URL we cannot read counts as unsafe."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return True
    if parts.scheme.lower() == "https":
        return False
    if not host:
        return True
    if host.lower() in LOOPBACK_NAMES:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True  # a name other than localhost may lead anywhere
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_loopback


def host_of(url: str) -> str:
    """`192.0.2.1:3456` from `http://192.0.2.1:3456/`: where the requests go, as a person says it."""
    try:
        return urlsplit(url.strip()).netloc.rpartition("@")[2] or url
    except ValueError:
        return url
