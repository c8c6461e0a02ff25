"""Workplace accommodations: what employers offer and seekers need."""

from __future__ import annotations

import re
import unicodedata

ACCOMMODATIONS: dict[str, str] = {
    "accessible_access": "无障碍通道/卫生间",
    "elevator": "电梯",
    "screen_reader": "读屏软件",
    "sign_language": "手语沟通",
    "text_channel": "文字沟通",
    "flexible_hours": "弹性工时",
    "remote": "居家办公",
    "assistive_device": "辅具",
    "job_adjustment": "岗位调整",
    "lifting_aid": "搬运辅助/坐姿作业",
    "magnifier": "放大设备",
    "hand_controls": "手控驾驶",
    "visual_alerts": "视觉提示/闪光报警",
    "task_breakdown": "任务分解/师傅带教",
    "quiet_space": "安静工位/明确目标",
    "stable_schedule": "固定班次",
    "voice_input": "语音输入",
    "jigs": "工装夹具",
    "accessible_transport": "无障碍交通",
}

# Other ways people write the same thing (besides the code, the label and each
# "/"-separated half of the label).
SYNONYMS: dict[str, str] = {
    "无障碍": "accessible_access",
    "无障碍设施": "accessible_access",
    "无障碍卫生间": "accessible_access",
    "无障碍厕所": "accessible_access",
    "坡道": "accessible_access",
    "轮椅通道": "accessible_access",
    "升降梯": "elevator",
    "读屏": "screen_reader",
    "屏幕阅读器": "screen_reader",
    "盲人电脑": "screen_reader",
    "手语": "sign_language",
    "手语翻译": "sign_language",
    "文字": "text_channel",
    "文字交流": "text_channel",
    "微信沟通": "text_channel",
    "弹性": "flexible_hours",
    "弹性工作": "flexible_hours",
    "弹性工作制": "flexible_hours",
    "居家": "remote",
    "远程办公": "remote",
    "在家办公": "remote",
    "远程": "remote",
    "辅助器具": "assistive_device",
    "助听器": "assistive_device",
    "轮椅": "assistive_device",
    "调岗": "job_adjustment",
    "岗位改造": "job_adjustment",
    "搬运辅助": "lifting_aid",
    "坐姿作业": "lifting_aid",
    "坐着工作": "lifting_aid",
    "助力设备": "lifting_aid",
    "放大镜": "magnifier",
    "放大": "magnifier",
    "助视器": "magnifier",
    "手控": "hand_controls",
    "闪光报警": "visual_alerts",
    "视觉提示": "visual_alerts",
    "视觉报警": "visual_alerts",
    "任务分解": "task_breakdown",
    "师傅带教": "task_breakdown",
    "带教": "task_breakdown",
    "安静工位": "quiet_space",
    "明确目标": "quiet_space",
    "安静": "quiet_space",
    "固定班": "stable_schedule",
    "长白班": "stable_schedule",
    "固定排班": "stable_schedule",
    "语音": "voice_input",
    "工装": "jigs",
    "夹具": "jigs",
    "工装夹具": "jigs",
    "接送": "accessible_transport",
    "班车": "accessible_transport",
    "无障碍班车": "accessible_transport",
}

_SEPARATORS = re.compile(r"[;；,，|、\s]+")


def _lookup_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, label in ACCOMMODATIONS.items():
        table[code] = code
        table[label] = code
        for part in label.split("/"):
            table.setdefault(part, code)
    for word, code in SYNONYMS.items():
        table.setdefault(word, code)
    return {unicodedata.normalize("NFKC", k).lower(): v for k, v in table.items()}


_LOOKUP = _lookup_table()


def parse_accommodation(token: str) -> str | None:
    """One code or Chinese label (or known synonym) → code; None if unknown."""
    key = unicodedata.normalize("NFKC", token).strip().lower()
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    # "提供读屏软件" / "有电梯": the longest known word inside the token.
    best = None
    for word, code in _LOOKUP.items():
        if len(word) >= 2 and word in key and (best is None or len(word) > len(best[0])):
            best = (word, code)
    return best[1] if best else None


def parse_accommodations(text: str, *, strict: bool = False) -> frozenset[str]:
    """Parse "读屏软件；elevator、弹性工时" into codes.

    Separators: ; ； , ， | 、 and whitespace. Unknown entries are ignored, or raise
    ValueError when ``strict`` (for forms that must reject typos).
    """
    codes = set()
    for token in _SEPARATORS.split(text or ""):
        if not token:
            continue
        code = parse_accommodation(token)
        if code is None:
            if strict:
                raise ValueError(f"未知的无障碍支持项：{token}")
            continue
        codes.add(code)
    return frozenset(codes)


def labels(codes) -> str:
    """Codes → "读屏软件、电梯" in the table's order."""
    return "、".join(ACCOMMODATIONS.get(c, c) for c in sort_codes(codes))


def sort_codes(codes) -> tuple[str, ...]:
    order = {code: i for i, code in enumerate(ACCOMMODATIONS)}
    return tuple(sorted(codes, key=lambda c: (order.get(c, len(order)), c)))


# The checklist grouped by what the support is for, so a long list of 19 boxes reads as a few
# short ones (the seeker's profile form shows each group as a <fieldset> with its legend). A code
# sits in the group of the disability it most often serves; the last group is about the way of
# working and helps many kinds of disability. Codes staff add later fall into "其他".
ACCOMMODATION_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("看（视力）", ("screen_reader", "magnifier", "voice_input")),
    ("听和说（听力、言语）", ("sign_language", "text_channel", "visual_alerts")),
    (
        "行动和动手（肢体）",
        (
            "accessible_access",
            "elevator",
            "accessible_transport",
            "assistive_device",
            "lifting_aid",
            "hand_controls",
            "jigs",
        ),
    ),
    ("理解和情绪（智力、精神）", ("task_breakdown", "quiet_space", "stable_schedule")),
    ("工作时间和方式", ("flexible_hours", "remote", "job_adjustment")),
)
OTHER_GROUP = "其他"


def group_codes(codes) -> list[tuple[str, list[str]]]:
    """``codes`` (in their given order) sorted into ACCOMMODATION_GROUPS; empty groups left out,
    unknown codes in a last "其他" group."""
    codes = list(codes)
    known = {code for _, members in ACCOMMODATION_GROUPS for code in members}
    out = []
    for label, members in ACCOMMODATION_GROUPS:
        inside = [c for c in codes if c in members]
        if inside:
            out.append((label, inside))
    rest = [c for c in codes if c not in known]
    if rest:
        out.append((OTHER_GROUP, rest))
    return out
