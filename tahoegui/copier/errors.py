"""Planning errors: the `tahoe cp` usage errors (E2–E9) and our own, all found before any write."""

from __future__ import annotations

from tahoegui.grid.redact import redact


class CopyError(Exception):
    """A copy that cannot be done as asked. `str()` is the exact line `tahoe cp` prints."""

    def __init__(self, message: str):
        self.message = redact(message)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message
