"""A stand-in for `tahoegui.ui.prompts` in window tests: scripted answers, every question recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tahoegui.ui import prompts


@dataclass
class Question:
    kind: str  # ask_text, confirm or choose
    title: str
    text: str  # the label or the question
    default: Any = None  # ask_text's prefilled text, confirm's `destructive`, choose's options


@dataclass
class ScriptedPrompts:
    """Answers `ask_text` from `texts`, `confirm` from `confirms` and `choose` from
    `choices`, in order; once a script runs out, the user cancels (None, False, None)."""

    texts: list[str | None] = field(default_factory=list)
    confirms: list[bool] = field(default_factory=list)
    choices: list[str | None] = field(default_factory=list)
    asked: list[Question] = field(default_factory=list)

    def install(self, monkeypatch) -> ScriptedPrompts:
        monkeypatch.setattr(prompts, "ask_text", self.ask_text)
        monkeypatch.setattr(prompts, "confirm", self.confirm)
        monkeypatch.setattr(prompts, "choose", self.choose)
        return self

    def ask_text(self, parent, title: str, label: str, text: str = "") -> str | None:
        self.asked.append(Question("ask_text", title, label, text))
        return self.texts.pop(0) if self.texts else None

    def confirm(self, parent, title: str, text: str, *, destructive: bool = False) -> bool:
        self.asked.append(Question("confirm", title, text, destructive))
        return self.confirms.pop(0) if self.confirms else False

    def choose(self, parent, title: str, text: str, options: list[str]) -> str | None:
        self.asked.append(Question("choose", title, text, options))
        answer = self.choices.pop(0) if self.choices else None
        assert answer is None or answer in options, f"{answer!r} is not one of {options}"
        return answer
