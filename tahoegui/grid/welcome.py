"""Reading the node's own version off its welcome page. No Qt.

The welcome page's JSON form (`?t=json`) lists the storage servers' versions but not the
node's own; the HTML page states it in its footer as `<p class="minutia">tahoe-lafs/1.20.0</p>`.
"""

from __future__ import annotations

import html
import re

# the footer line that is nothing but APPNAME/VERSION (tahoe-lafs's __full_version__)
_VERSION_LINE = re.compile(r'<p class="minutia">\s*([A-Za-z][\w.-]*/[^<\s]+)\s*</p>')


def node_version_from_welcome(page: str) -> str | None:
    """`tahoe-lafs/1.20.0` from the welcome page's HTML, or None when it does not say."""
    match = _VERSION_LINE.search(page)
    return html.unescape(match.group(1)) if match else None
