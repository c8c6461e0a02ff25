"""Demo training records, 2021–2025: the courses Taicang's disabled residents typically attend.

Deterministic (fixed seed) and idempotent: a record is identified by person, course and start
date (a database constraint), so running the seed twice creates nothing the second time.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from backend.accounts.choices import CertificateKind
from backend.accounts.models import Person, User

from .choices import TrainingKind
from .models import TrainingRecord
from .services import training_record_create

# (course, kind, hours, certificate awarded to those who pass, or "")
COURSES = [
    ("中式面点师培训", TrainingKind.SKILLS_TRAINING, 120, "中式面点师（五级）"),
    ("电子商务运营与网店客服", TrainingKind.SKILLS_TRAINING, 96, "电子商务师（五级）"),
    ("盲人保健按摩", TrainingKind.SKILLS_TRAINING, 160, "保健按摩师（五级）"),
    ("计算机操作与读屏软件应用", TrainingKind.SKILLS_TRAINING, 64, ""),
    ("家政服务员", TrainingKind.SKILLS_TRAINING, 80, "家政服务员（五级）"),
    ("园林绿化工", TrainingKind.SKILLS_TRAINING, 72, "绿化工（五级）"),
    ("手工编织与非遗手工艺", TrainingKind.SKILLS_TRAINING, 48, ""),
    ("咖啡师与烘焙", TrainingKind.SKILLS_TRAINING, 88, "咖啡师（五级）"),
    ("缝纫工", TrainingKind.SKILLS_TRAINING, 100, "缝纫工（五级）"),
    ("网络直播与短视频制作", TrainingKind.SKILLS_TRAINING, 56, ""),
    ("创业意识与网店开办（SYB）", TrainingKind.ENTREPRENEURSHIP, 80, "创业培训合格证书"),
    ("物流仓储岗前培训", TrainingKind.JOB_ADAPTATION, 24, ""),
    ("餐饮服务岗前培训", TrainingKind.JOB_ADAPTATION, 24, ""),
    ("中式面点师职业技能鉴定", TrainingKind.SKILLS_ASSESSMENT, 8, "中式面点师（五级）"),
    ("保健按摩师职业技能鉴定", TrainingKind.SKILLS_ASSESSMENT, 8, "保健按摩师（五级）"),
]
PROVIDERS = [
    "太仓市残疾人职业培训基地",
    "太仓市浮桥职业技能培训学校",
    "太仓开放大学",
    "太仓市就业训练中心",
    "太仓市盲人按摩指导中心",
]
# Person-times per year: the programme grew over the plan period.
PER_YEAR = {2021: 118, 2022: 126, 2023: 138, 2024: 144, 2025: 152}


def _course_for(rng: random.Random):
    # Assessments and entrepreneurship courses are rarer than skills courses.
    weights = [10, 9, 5, 8, 7, 6, 6, 5, 5, 5, 4, 5, 5, 2, 2]
    return rng.choices(COURSES, weights=weights, k=1)[0]


@transaction.atomic
def seed(stdout=None) -> dict:
    auditor = User.objects.filter(username="auditor").first()
    persons = list(
        Person.objects.exclude(certificate_kind=CertificateKind.NONE)
        .filter(region__isnull=False)
        .order_by("id")[:200]
    )
    if auditor is None or not persons:
        return {"training_records": 0}
    rng = random.Random(20210101)
    created = 0
    for year, count in PER_YEAR.items():
        for _ in range(count):
            person = rng.choice(persons)
            course, kind, hours, certificate = _course_for(rng)
            provider = PROVIDERS[2 if "创业" in course else 4 if "按摩" in course else rng.randrange(0, 4)]
            start = date(year, 1, 1) + timedelta(days=rng.randrange(0, 320))
            end = start + timedelta(days=max(1, hours // 6))
            passed = bool(certificate) and rng.random() < 0.8
            # Every random draw happens before this check, so a re-run walks the same sequence.
            if TrainingRecord.objects.filter(person=person, course_name=course, start_date=start).exists():
                continue
            training_record_create(
                person=person,
                kind=kind,
                course_name=course,
                provider=provider,
                start_date=start,
                end_date=end,
                hours=hours,
                certificate_obtained=passed,
                certificate_name=certificate if passed else "",
                by=auditor,
            )
            created += 1
    return {"training_records": created}
