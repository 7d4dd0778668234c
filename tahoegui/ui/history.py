"""Back-navigation history for one pane: places visited, most recent last."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class History(Generic[T]):
    """Remembers where a pane has been so Back can return there."""

    def __init__(self, limit: int = 100):
        self.limit = limit
        self._past: list[T] = []
        self.current: T | None = None

    def visit(self, place: T) -> None:
        if self.current is not None and self.current != place:
            self._past.append(self.current)
            del self._past[: -self.limit]
        self.current = place

    def can_go_back(self) -> bool:
        return bool(self._past)

    def back(self) -> T | None:
        """The previous place (which becomes current), or None."""
        if not self._past:
            return None
        self.current = self._past.pop()
        return self.current
