"""The support-needs checklist grouped by what each support is for."""

from matching.core.accommodations import ACCOMMODATION_GROUPS, ACCOMMODATIONS, group_codes


def test_every_built_in_accommodation_is_in_exactly_one_group():
    grouped = [code for _, codes in ACCOMMODATION_GROUPS for code in codes]
    assert sorted(grouped) == sorted(ACCOMMODATIONS)
    assert len(grouped) == len(set(grouped))


def test_codes_staff_added_fall_into_other_and_empty_groups_are_left_out():
    groups = group_codes(["magnifier", "screen_reader", "braille_display"])
    assert groups == [("看（视力）", ["magnifier", "screen_reader"]), ("其他", ["braille_display"])]
