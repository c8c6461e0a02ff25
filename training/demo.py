"""Demo training courses (after assistance.demo, which makes the 就业服务专员 "service"): the
skills courses Taicang's 残联 and partner schools typically run, dated from today so that they
are open for enrolment and suggested for the demo seekers' skill gaps. Idempotent: a course is
identified by its name."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from backend.accounts.choices import Role
from backend.accounts.models import Region, User
from backend.accounts.permissions import may_manage_courses

from .choices import CostKind
from .models import TrainingCourse
from .services import course_create

BASE = "太仓市残疾人职业培训基地"
PHONE = "报名电话 0512-53520000（残联就业服务窗口，工作日 8:30—17:00），也可以发短信或到所在区镇残联报名"

# (name, provider, skills, region code, starts in days, days long, hours, cost, fee, access, extra)
COURSES = [
    (
        "电话客服与在线客服技能培训",
        BASE,
        ["电话客服", "在线客服", "客服", "打字", "电脑操作", "普通话"],
        "320585",
        21,
        30,
        96,
        CostKind.FREE,
        "0",
        ["sign_language", "captions", "screen_reader", "accessible_room"],
        {"venue": "太仓市残疾人综合服务中心三楼机房（上海东路）", "cost_note": "残疾人就业保障金全额补贴"},
    ),
    (
        "电商运营与网店美工",
        "太仓开放大学",
        ["电商运营", "Photoshop", "数据分析", "Excel"],
        "320585",
        28,
        45,
        120,
        CostKind.SUBSIDISED,
        "300.00",
        ["accessible_room", "screen_reader", "online"],
        {"cost_note": "学费2400元，残联补贴2100元；取得电子商务师（五级）证书后个人部分可再申请报销"},
    ),
    (
        "中式面点师（五级）培训",
        "太仓市浮桥职业技能培训学校",
        ["面点"],
        "320585103",
        14,
        40,
        120,
        CostKind.FREE,
        "0",
        ["sign_language", "accessible_room"],
        {"venue": "浮桥镇职业技能培训学校实训厨房", "cost_note": "免费，含原料费；结业参加职业技能等级认定"},
    ),
    (
        "盲人保健按摩培训",
        BASE,
        ["盲人按摩", "推拿"],
        "320585100",
        35,
        60,
        160,
        CostKind.FREE,
        "0",
        ["braille", "screen_reader", "large_print", "transport"],
        {"venue": "城厢镇残疾人之家按摩实训室", "access_notes": "可安排每日接送；导盲犬可以进入教室。"},
    ),
    (
        "数据标注员岗前培训",
        "太仓市残疾人职业培训基地（线上）",
        ["数据标注", "电脑操作", "打字"],
        "320585",
        10,
        14,
        40,
        CostKind.FREE,
        "0",
        ["online", "captions", "screen_reader"],
        {"cost_note": "免费；结业后推荐到合作企业居家标注岗位"},
    ),
    (
        "办公软件应用（Word、Excel，含读屏软件）",
        "太仓开放大学",
        ["办公软件", "Word", "Excel", "打字", "读屏软件"],
        "320585101",
        18,
        30,
        64,
        CostKind.FREE,
        "0",
        ["screen_reader", "large_print", "accessible_room", "sign_language"],
        {"venue": "沙溪镇社区教育中心二楼机房（有电梯）"},
    ),
]
# A draft the service staff is still preparing: not suggested to anyone until published.
DRAFT = (
    "养老护理员（初级）培训",
    BASE,
    ["养老护理"],
    "320585101",
    60,
    30,
    80,
    CostKind.FREE,
    "0",
    ["accessible_room"],
    {},
)


def _keeper(region: Region) -> User:
    """The demo 就业服务专员 for the towns they cover; the administrator for the rest (city-wide
    courses, other towns)."""
    service = User.objects.filter(role=Role.SERVICE, username="service").first()
    if may_manage_courses(service, region):
        return service
    return User.objects.get(role=Role.ADMIN, username="admin")


@transaction.atomic
def seed(stdout=None) -> dict:
    names = [row[0] for row in (*COURSES, DRAFT)]
    if TrainingCourse.objects.filter(name__in=names).exists():
        return {"courses": TrainingCourse.objects.filter(name__in=names).count()}
    today = timezone.localdate()
    for row in (*COURSES, DRAFT):
        name, provider, skills, code, starts_in, days, hours, cost, fee, access, extra = row
        region = Region.objects.get(code=code)
        starts = today + timedelta(days=starts_in)
        course_create(
            by=_keeper(region),
            region=region,
            published=row is not DRAFT,
            name=name,
            provider=provider,
            skills=skills,
            starts_on=starts,
            ends_on=starts + timedelta(days=days),
            enrol_by=starts - timedelta(days=3),
            hours=hours,
            cost_kind=cost,
            fee=Decimal(fee),
            access=access,
            how_to_enrol=PHONE,
            description=f"面向持证残疾人的{name}，小班教学，结业考核合格发结业证书。",
            **extra,
        )
    return {"courses": len(COURSES) + 1}
