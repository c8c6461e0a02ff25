from django.db import models


class FairFormat(models.TextChoices):
    ONSITE = "onsite", "现场招聘会"
    ONLINE = "online", "网络招聘会"


class FairStatus(models.TextChoices):
    DRAFT = "draft", "草稿（未发布）"
    PUBLISHED = "published", "已发布"
    CANCELLED = "cancelled", "已取消"


class ResultKind(models.TextChoices):
    INTERVIEW = "interview", "面试"
    OFFER = "offer", "录用意向"
    HIRE = "hire", "入职"


# What a seeker may ask for on the day (a registration's access_needs); the organiser prepares them.
ACCESS_NEEDS = {
    "sign_language": "手语翻译",
    "captions": "文字/字幕沟通",
    "screen_reader": "读屏友好的电子材料",
    "large_print": "大字版材料",
    "wheelchair": "轮椅通行与无台阶路线",
    "guide": "现场引导员陪同",
    "quiet_room": "安静休息室",
    "seat": "排队时提供座位",
}
AccessNeed = models.TextChoices("AccessNeed", [(code, (code, label)) for code, label in ACCESS_NEEDS.items()])

# The accessibility facts a fair publishes (field name → label), shown on the public pages.
ONSITE_ACCESS = {
    "step_free": "无台阶通行（坡道或电梯）",
    "sign_language": "手语翻译",
    "screen_reader_materials": "读屏友好的电子材料",
    "accessible_toilet": "无障碍卫生间",
    "quiet_room": "安静休息室",
}
ONLINE_ACCESS = {
    "captions": "实时字幕",
    "sign_language": "手语翻译",
    "screen_reader_materials": "读屏友好的电子材料",
}
