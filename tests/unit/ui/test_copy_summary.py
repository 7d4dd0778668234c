"""The end-of-copy words: grid targets named by their alias, never by their cap."""

from __future__ import annotations

from tahoegui.copier import CopyResult, ItemResult
from tahoegui.jobs.move_job import MoveResult
from tahoegui.ui.copy_summary import counts_line, details, error_message, target_label, with_alias_name

HOME = "URI:DIR2:wjpsaaaaaaaaaaaaaaaaaaaaaa:" + "b" * 52
WORK = "URI:DIR2:qqqqaaaaaaaaaaaaaaaaaaaaaa:" + "c" * 52
TWIN = "URI:DIR2:wjpszzzzzzzzzzzzzzzzzzzzzz:" + "d" * 52  # same short prefix as HOME


def test_a_copy_into_an_alias_names_its_targets_by_it():
    label = target_label(f"{HOME}/Camera", {"home": HOME, "work": WORK})
    assert label == ("<DIR2:wjps…>", "home:")
    assert with_alias_name(f"{HOME}/Camera/a.jpg", label) == "home:Camera/a.jpg"
    assert with_alias_name(HOME, label) == "home:"
    result = CopyResult(items=[ItemResult("/pics/a.jpg", f"{HOME}/Camera/a.jpg", "skipped", "not linked")])
    assert details(result, label) == "Skipped: /pics/a.jpg → home:Camera/a.jpg: not linked"


def test_the_alias_is_found_by_the_whole_cap_not_its_short_redacted_form():
    # TWIN reads as <DIR2:wjps…> too: a copy into it must not be called "home:"
    assert target_label(TWIN, {"home": HOME}) is None
    assert target_label(HOME, {"home": HOME, "twin": TWIN}) == ("<DIR2:wjps…>", "home:")
    assert with_alias_name(f"{TWIN}/a", target_label(TWIN, {"home": HOME})) == "<DIR2:wjps…>/a"


def test_a_move_says_what_stayed_where_it_was_and_why():
    result = MoveResult(
        items=[ItemResult("/pics/a.jpg", f"{HOME}/a.jpg", "copied")],
        removed=["a.jpg"],
        kept=[("b.jpg", f"copied, but it could not be unlinked from {HOME}")],
    )
    assert counts_line(result).endswith("Moved 1; 1 left where it was")
    assert details(result) == "Not moved: b.jpg: copied, but it could not be unlinked from <DIR2:wjps…>"
    assert (
        error_message(result) == "'b.jpg' stayed where it was: copied, but it could not be unlinked from <DIR2:wjps…>"
    )


def test_a_move_whose_copy_failed_for_one_item_names_what_stayed():
    result = MoveResult(
        items=[ItemResult(f"{HOME}/Mixed/bad", "", "failed", "the name is not valid UTF-8; not copied")],
        kept=[("Mixed", "'bad' could not be copied")],
    )
    assert error_message(result) == (
        "1 item(s) could not be copied. <DIR2:wjps…>/Mixed/bad: the name is not valid UTF-8; not copied"
        "\n\nSo 'Mixed' stayed where it was."
    )
