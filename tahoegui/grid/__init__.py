"""The grid layer: the node's web API, caps, aliases, node directories and the private grid.

Never imports Qt: `tahoegui-cp` uses it with no display at all. Importing the package
loads nothing heavy (the command line starts making signing keys before it loads the
HTTP client); it only makes sure no log record carries a cap.
"""

from tahoegui.grid.redact import install_log_redaction as _install_log_redaction

_install_log_redaction()
