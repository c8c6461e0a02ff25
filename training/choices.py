from django.db import models


class CostKind(models.TextChoices):
    """Who pays. 残联 skills courses for certified disabled residents are usually free or paid
    for by the 残疾人就业保障金 (补贴); the seeker's own share is the course's ``fee``."""

    FREE = "free", "免费"
    SUBSIDISED = "subsidised", "有补贴（个人只付一部分）"
    PAID = "paid", "自费"


# The accessible arrangements a course promises (code → what the seeker reads).
ACCESS_ARRANGEMENTS = {
    "sign_language": "手语翻译",
    "captions": "字幕或文字记录",
    "accessible_room": "无障碍教室（无台阶、无障碍卫生间）",
    "braille": "盲文教材",
    "screen_reader": "读屏软件可用的电子教材",
    "large_print": "大字版教材",
    "online": "可以在线上课",
    "transport": "接送或交通补贴",
}
AccessArrangement = models.TextChoices(
    "AccessArrangement", [(code, (code, label)) for code, label in ACCESS_ARRANGEMENTS.items()]
)
