"""What a copy did, item by item: copied, linked, skipped and failed, each with a reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tahoegui.grid.redact import redact

Outcome = Literal["copied", "linked", "skipped", "failed"]
# why a mutable file updated in place is skipped when a cancel broke its upload off late
MAYBE_REPLACED = "cancelled while it was replaced in place: it may hold the old or the new contents"


@dataclass(frozen=True)
class ItemResult:
    """One file or directory: where it went, what happened, and why (for skips and failures)."""

    source: str
    target: str
    outcome: Outcome
    reason: str = ""
    size: int = 0

    def __post_init__(self) -> None:
        # sources and targets may be given as caps: never let one out in a result
        for name in ("source", "target", "reason"):
            object.__setattr__(self, name, redact(getattr(self, name)))


@dataclass
class CopyResult:
    """The whole copy. `success_message` is what follows `Success: ` on stdout."""

    items: list[ItemResult] = field(default_factory=list)
    success_message: str = ""
    cancelled: bool = False
    error: str | None = None  # a planning error or a fatal failure, fit to show

    def of(self, outcome: Outcome) -> list[ItemResult]:
        return [i for i in self.items if i.outcome == outcome]

    @property
    def changed_in_place(self) -> bool:
        """Grid files were (or may have been) replaced in place: those need no linking,
        so they change even when a cancel stops everything else."""
        return bool(self.copied) or any(i.reason == MAYBE_REPLACED for i in self.items)

    @property
    def copied(self) -> list[ItemResult]:
        return self.of("copied")

    @property
    def linked(self) -> list[ItemResult]:
        return self.of("linked")

    @property
    def skipped(self) -> list[ItemResult]:
        return self.of("skipped")

    @property
    def failed(self) -> list[ItemResult]:
        return self.of("failed")

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled and not self.failed

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "cancelled": self.cancelled,
            "error": self.error,
            "counts": {o: len(self.of(o)) for o in ("copied", "linked", "skipped", "failed")},
            "items": [i.__dict__ for i in self.items],
        }
