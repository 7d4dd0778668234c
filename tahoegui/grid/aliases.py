"""The aliases file (`NODEDIR/private/aliases`) in tahoe's own format, shared with `tahoe`."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from tahoegui.atomic import replacing
from tahoegui.grid.caps import CapError, parse
from tahoegui.grid.redact import redacting_repr

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AliasProblem:
    """A line of the aliases file that could not be used."""

    line_number: int
    reason: str

    def __str__(self) -> str:
        if self.line_number == 0:  # the file as a whole
            return f"aliases file: {self.reason}"
        return f"aliases file line {self.line_number}: {self.reason}"


@redacting_repr
@dataclass
class AliasFile:
    """Aliases in file order, plus the problems met while reading them."""

    aliases: dict[str, str] = field(default_factory=dict)
    problems: list[AliasProblem] = field(default_factory=list)


def parse_aliases(text: str) -> AliasFile:
    """Parse `name: CAP` lines; `#` comments and blank lines are skipped, as `tahoe` does.

    A malformed line is recorded with its number and the others still load.
    """
    result = AliasFile()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, cap = line.partition(":")
        name, cap = name.strip(), cap.strip()
        if not sep or not name:
            result.problems.append(AliasProblem(number, "expected 'name: CAP'"))
            continue
        if "/" in name or " " in name:
            result.problems.append(AliasProblem(number, f"alias name {name!r} may not contain '/' or spaces"))
            continue
        try:
            parse(cap)
        except CapError as e:
            result.problems.append(AliasProblem(number, f"alias {name!r} does not hold a usable cap: {e}"))
            continue
        result.aliases[name] = cap
    for problem in result.problems:
        log.warning("%s", problem)
    return result


def format_aliases(aliases: dict[str, str]) -> str:
    """The file's text for `aliases`, one `name: CAP` per line."""
    return "".join(f"{name}: {cap}\n" for name, cap in aliases.items())


def write_private_file(path: Path, text: str) -> None:
    """Write `text` atomically with mode 0600: a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as (fd, _):
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())


def read_aliases_file(path: Path) -> AliasFile:
    """Read the aliases file at `path`; a missing file is no aliases, an unreadable one is
    no aliases plus a problem that says why."""
    try:
        return parse_aliases(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return AliasFile()
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else "it is not UTF-8 text"
        problem = AliasProblem(0, f"cannot read {path}: {reason}")
        log.warning("%s", problem)
        return AliasFile(problems=[problem])


def alias_name_problem(name: str) -> str | None:
    """Why `name` cannot be an alias (tahoe's rules: the file splits `name: CAP` on the first
    colon and a path on `/`), in a user's words; None when it can."""
    if not name:
        return "an alias needs a name"
    if ":" in name or "/" in name:
        return "an alias name can't contain ':' or '/'"
    if any(c.isspace() for c in name):
        return "an alias name can't contain spaces"
    if name.startswith("#"):
        return "an alias name can't start with '#'"
    return None


def check_alias(name: str, cap: str) -> None:
    """Refuse what could not be read back: a bad name (ValueError) or cap (CapError)."""
    if alias_name_problem(name) is not None:
        raise ValueError(f"invalid alias name {name!r}: no ':', '/', spaces, or leading '#'")
    parse(cap)
    if any(c.isspace() for c in cap.strip()):
        raise CapError("a cap may not contain spaces or line breaks")


def write_aliases_file(path: Path, aliases: dict[str, str]) -> None:
    """Replace the aliases file at `path` (atomically, mode 0600)."""
    for name, cap in aliases.items():
        check_alias(name, cap)
    write_private_file(path, format_aliases(aliases))


def set_alias_in_file(path: Path, name: str, cap: str) -> None:
    """Add or replace one alias, keeping every other line (comments, lines we cannot
    read) as it was: the file is shared with `tahoe` and perhaps edited by hand."""
    check_alias(name, cap)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    new_line = f"{name}: {cap.strip()}"
    kept: list[str] = []
    replaced = False
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped.partition(":")[0].strip() == name:
            if not replaced:
                kept.append(new_line)
                replaced = True
            continue  # a later duplicate would override ours when read
        kept.append(line)
    if not replaced:
        kept.append(new_line)
    write_private_file(path, "".join(line + "\n" for line in kept))


def _line_alias(line: str) -> str | None:
    """The alias a line of the file names (None for comments and blank lines)."""
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    return stripped.partition(":")[0].strip()


def _read_lines(path: Path) -> tuple[list[str], dict[str, str]]:
    """The file's lines as they are, and the aliases they define (later lines win, as in tahoe)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    return text.splitlines(), parse_aliases(text).aliases


def rename_alias_in_file(path: Path, old: str, new: str) -> None:
    """Rename alias `old` to `new` (same cap, same place in the file); every other line is
    kept as it was. LookupError if the file has no alias `old`; ValueError if `new` is not
    a valid alias name or is taken."""
    problem = alias_name_problem(new)
    if problem is not None:
        raise ValueError(problem)
    lines, aliases = _read_lines(path)
    if old not in aliases:
        raise LookupError(f"the aliases file has no alias {old!r}")
    if new == old:
        return
    if new in aliases:
        raise ValueError(f"there is already an alias named {new!r}")
    kept: list[str] = []
    placed = False
    for line in lines:
        if _line_alias(line) == old:
            if not placed:  # the first line keeps its place; the cap is the one that counted
                kept.append(f"{new}: {aliases[old]}")
                placed = True
            continue
        kept.append(line)
    write_private_file(path, "".join(line + "\n" for line in kept))


def remove_alias_from_file(path: Path, name: str) -> str:
    """Remove alias `name` (every line of it) and answer the cap it held, so nothing is lost
    unseen; other lines are kept. LookupError if the file has no such alias."""
    lines, aliases = _read_lines(path)
    if name not in aliases:
        raise LookupError(f"the aliases file has no alias {name!r}")
    kept = [line for line in lines if _line_alias(line) != name]
    write_private_file(path, "".join(line + "\n" for line in kept))
    return aliases[name]
