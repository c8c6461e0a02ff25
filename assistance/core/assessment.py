"""一站式 职业能力测评: the scale, and what a confirmed assessment changes in the profile.

Abilities are rated against the matcher's own job demands (``FitRule.demand``: 接听电话, 搬运和
久站 …), so a confirmed rating feeds the matcher's fit directly: a demand rated 基本可以 or
better goes into the profile's ``can_do``. Skills and support needs are added to what the
seeker already wrote (never removed: the seeker's own entries stay theirs); the desired job
and the wishes for hours and employment forms replace the old ones only when the assessment
states them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

ABILITY_LEVELS: dict[int, str] = {1: "不能完成", 2: "需要较多帮助", 3: "基本可以", 4: "完全可以"}
CAN_DO_FROM = 3  # 基本可以 or better counts as "can do" for the matcher


def _union(old: Sequence[str], new: Sequence[str]) -> list[str]:
    out = list(old)
    out.extend(item for item in new if item not in out)
    return out


def profile_changes(
    *,
    abilities: Mapping[str, int],
    skills: Sequence[str],
    needs: Sequence[str],
    desired: str,
    hours: Sequence[str],
    employment_forms: Sequence[str],
    current: Mapping[str, object],
) -> dict:
    """The ``profile_update`` arguments of a confirmed assessment, given the profile's
    ``current`` skills, needs and can_do."""
    can_do_now = [demand for demand, level in abilities.items() if level >= CAN_DO_FROM]
    cannot = {demand for demand, level in abilities.items() if level < CAN_DO_FROM}
    # A demand the assessment rates below 基本可以 leaves can_do: the rating is newer than the
    # seeker's earlier tick and was made together with them.
    kept = [d for d in current.get("can_do") or [] if d not in cannot]
    changes: dict = {
        "skills": _union(current.get("skills") or [], skills),
        "needs": _union(current.get("needs") or [], needs),
        "can_do": _union(kept, can_do_now),
    }
    if desired.strip():
        changes["desired"] = desired.strip()
    if hours:
        changes["hours"] = list(hours)
    if employment_forms:
        changes["employment_forms"] = list(employment_forms)
    return changes
