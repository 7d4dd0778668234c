"""The end-of-copy words: grid targets named by their alias, never by their cap."""

from __future__ import annotations

from tahoegui.copier import CopyResult, ItemResult
from tahoegui.ui.copy_summary import details, with_alias_names

HOME = "URI:DIR2:wjpsaaaaaaaaaaaaaaaaaaaaaa:" + "b" * 52
WORK = "URI:DIR2:qqqqaaaaaaaaaaaaaaaaaaaaaa:" + "c" * 52
TWIN = "URI:DIR2:wjpszzzzzzzzzzzzzzzzzzzzzz:" + "d" * 52  # same short prefix as HOME


def test_a_target_under_an_alias_is_named_by_it():
    aliases = {"home": HOME, "work": WORK}
    assert with_alias_names(f"{HOME}/Camera/a.jpg", aliases) == "home:Camera/a.jpg"
    assert with_alias_names(f"{WORK}", aliases) == "work:"
    result = CopyResult(items=[ItemResult("/pics/a.jpg", f"{HOME}/Camera/a.jpg", "skipped", "not linked")])
    assert details(result, aliases) == "Skipped: /pics/a.jpg → home:Camera/a.jpg: not linked"


def test_a_target_under_no_alias_or_an_ambiguous_one_stays_redacted():
    other = "URI:DIR2:xxxxaaaaaaaaaaaaaaaaaaaaaa:" + "e" * 52
    assert with_alias_names(f"{other}/a", {"home": HOME}) == "<DIR2:xxxx…>/a"
    assert with_alias_names(f"{HOME}/a", {"home": HOME, "twin": TWIN}) == "<DIR2:wjps…>/a"
