"""Demo data for the registry: a realistic Taicang with valid identifiers (fictional people).

Deterministic (fixed random seed) and idempotent: rows are found by their credit code or blind
index before they are created, so running it twice changes nothing.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from .choices import AuditorKind, CertificateKind, ConsentScope, EmployerStatus, OrgType, Role
from .models import Employer, EmployerMembership, Person, Region, User
from .services import CertificateInput, consent_grant, person_create, resident_id_index

DEMO_PASSWORD = "taicang2025"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢陆顾钱"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "桂英",
    "建国",
    "建华",
    "志强",
    "海燕",
    "晓东",
    "雪梅",
    "国平",
    "春花",
    "俊杰",
    "佳怡",
    "子涵",
    "浩然",
    "思远",
    "雨欣",
]

# (name, org type, industry, sheltered) — fictional organisations in the style of Taicang's employers.
EMPLOYERS = [
    ("太仓舍弗勒精密机械有限公司", "enterprise", "汽车零部件制造", False),
    ("太仓港华通物流有限公司", "enterprise", "港口物流", False),
    ("太仓市娄江纺织有限公司", "enterprise", "纺织", False),
    ("苏州恒远电子科技（太仓）有限公司", "enterprise", "电子制造", False),
    ("太仓市金仓湖酒店管理有限公司", "enterprise", "住宿餐饮", False),
    ("太仓市沙溪古镇文化旅游发展有限公司", "enterprise", "文化旅游", False),
    ("太仓市浏河渔港食品有限公司", "enterprise", "食品加工", False),
    ("太仓德拓机电设备有限公司", "enterprise", "机械设备", False),
    ("太仓市璜泾化纤有限公司", "enterprise", "化纤", False),
    ("太仓市双凤羊肉面馆", "enterprise", "餐饮", False),
    ("太仓云仓电子商务有限公司", "enterprise", "电子商务", False),
    ("太仓市智标数据科技有限公司", "enterprise", "数据服务", False),
    ("太仓市明德包装制品有限公司", "enterprise", "包装", False),
    ("太仓市福康福利工厂", "enterprise", "五金加工", True),
    ("太仓市爱心手工艺品有限公司", "enterprise", "手工艺品", True),
    ("太仓市阳光盲人按摩中心", "enterprise", "保健按摩", True),
    ("太仓市城厢绿化养护有限公司", "enterprise", "园林绿化", False),
    ("太仓市陆渡保洁服务有限公司", "enterprise", "物业保洁", False),
    ("太仓市海运仓储有限公司", "enterprise", "仓储", False),
    ("太仓市新区建筑设计院有限公司", "enterprise", "建筑设计", False),
    ("太仓市第一人民医院", "institution", "医疗卫生", False),
    ("太仓市中医医院", "institution", "医疗卫生", False),
    ("太仓市实验中学", "institution", "教育", False),
    ("太仓市图书馆", "institution", "文化", False),
    ("太仓市特殊教育学校", "institution", "教育", False),
    ("太仓市社会福利中心", "institution", "社会福利", False),
    ("太仓市人力资源和社会保障局", "government", "机关", False),
    ("太仓市民政局", "government", "机关", False),
    ("太仓市城厢镇人民政府", "government", "机关", False),
    ("太仓市沙溪镇人民政府", "government", "机关", False),
    ("太仓市税务局（模拟）", "government", "机关", False),
    ("太仓市残疾人福利基金会", "social_org", "公益", False),
    ("太仓市个体劳动者协会", "social_org", "行业协会", False),
    ("太仓市志愿者协会", "social_org", "公益", False),
    ("太仓市物流行业协会", "social_org", "行业协会", False),
    ("太仓市阳光助残服务中心", "private_non_enterprise", "社会服务", False),
    ("太仓市娄东社区养老服务中心", "private_non_enterprise", "养老服务", False),
    ("太仓市启智康复训练中心", "private_non_enterprise", "康复", False),
    ("太仓市浮桥职业技能培训学校", "private_non_enterprise", "职业培训", False),
    ("太仓市星语心理咨询中心", "private_non_enterprise", "心理服务", False),
]
ORG_CODE = {
    "enterprise": "91",
    "government": "11",
    "institution": "12",
    "social_org": "51",
    "private_non_enterprise": "52",
}


def resident_id(region: str, birth: date, seq: int) -> str:
    """A resident ID with a correct GB 11643 check character (fictional)."""
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def credit_code(org_type: str, region: str, serial: int) -> str:
    """A unified social credit code with a correct GB 32100 check character (fictional)."""
    body = ORG_CODE[org_type] + region + f"MA{serial:07d}"
    body = body.replace("I", "1").replace("O", "0")[:17]
    total = sum(_CREDIT_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + _CREDIT_ALPHABET[(31 - total % 31) % 31]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


@transaction.atomic
def seed(stdout=None) -> dict:
    rng = random.Random(320585)
    towns = list(Region.objects.filter(level__in=["town", "zone"]).order_by("code"))
    taicang = Region.objects.get(code="320585")

    employers = []
    for serial, (name, org_type, industry, sheltered) in enumerate(EMPLOYERS, start=1):
        code = credit_code(org_type, "320585", serial)
        employer, _ = Employer.objects.get_or_create(
            credit_code=code,
            defaults={
                "name": name,
                "org_type": org_type,
                "industry": industry,
                "sheltered": sheltered,
                "region": towns[serial % len(towns)],
                "address": f"{towns[serial % len(towns)].name}{serial * 7}号",
                "contact_name": _name(rng),
                "contact_phone": f"0512-535{serial:05d}",
                "status": EmployerStatus.ACTIVE,
            },
        )
        employers.append(employer)
    # One registration still waiting for activation, so the auditor's queue is not empty.
    Employer.objects.get_or_create(
        credit_code=credit_code("enterprise", "320585", 99),
        defaults={
            "name": "太仓市新注册科技有限公司",
            "org_type": OrgType.ENTERPRISE,
            "region": towns[0],
            "status": EmployerStatus.PENDING,
        },
    )

    persons = []
    for i in range(200):
        prng = random.Random(i)  # one generator per person, so a re-run derives the same identity
        category = i % 7 + 1
        grade = (i // 7) % 4 + 1
        birth = date(1966, 1, 1) + timedelta(days=prng.randrange(0, 365 * 38))
        rid = resident_id("320585", birth, 100 + i * 2 + prng.randrange(0, 2))
        existing = Person.objects.filter(resident_id_bidx=resident_id_index(rid)).first()
        if existing:
            persons.append(existing)
            continue
        cert = CertificateInput(
            kind=CertificateKind.DISABILITY,
            number=f"{rid}{category}{grade}",
            valid_until=date(2030, 12, 31) if i % 23 else date(2025, 6, 30),
        )
        person = person_create(
            name=_name(rng),
            resident_id=rid,
            phone=f"139{i:08d}",
            region=towns[i % len(towns)],
            certificate=cert,
        )
        if i % 3:
            consent_grant(person=person, scope=ConsentScope.DISABILITY_MATCHING, purpose="岗位推荐")
        persons.append(person)

    def account(username, role, **extra):
        user, created = User.objects.get_or_create(username=username, defaults={"role": role, **extra})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    seeker = account("seeker", Role.SEEKER, person=persons[0], first_name=persons[0].name)
    consent_grant(person=persons[0], scope=ConsentScope.DISABILITY_MATCHING, purpose="岗位推荐")
    employer_user = account("employer", Role.EMPLOYER, first_name="人事部")
    EmployerMembership.objects.get_or_create(
        user=employer_user, employer=employers[0], defaults={"is_admin": True}
    )
    auditor = account("auditor", Role.AUDITOR, auditor_kind=AuditorKind.DPF, first_name="残联审核员")
    auditor.regions.add(taicang)
    account("admin", Role.ADMIN, is_staff=True, is_superuser=True, first_name="管理员")
    # Accounts for every remaining seeker: seeker1 … (used by later domains' demo data).
    for index, person in enumerate(persons[1:40], start=1):
        account(f"seeker{index}", Role.SEEKER, person=person, first_name=person.name)
    return {"employers": len(employers), "persons": len(persons), "seeker": seeker}
