"""Synthetic postings and seekers for the matching benchmark (no database needed).

Postings are assembled from the demo's posting families (matching/demo_data.py) — title,
intro, duty, requirement and accommodation sentences, skills, form, hours, pay, region — with
a fixed seed, plus a random extra sentence so that texts are not few repeated templates.
Seekers get a wish from the same families, skills, a region, wishes for form/hours/pay and, for
most of them, a disability category and grade with typical needs.
"""

from __future__ import annotations

import random
from decimal import Decimal

from matching.core.models import JobDoc, SeekerDoc
from matching.demo_data import FAMILIES

TOWNS = [
    "城厢镇",
    "沙溪镇",
    "浏河镇",
    "浮桥镇",
    "璜泾镇",
    "双凤镇",
    "娄东街道",
    "陆渡街道",
    "太仓港经济技术开发区",
    "太仓高新区",
]
EXTRA = [
    "五险一金，双休。",
    "包午餐，有班车。",
    "欢迎持证残疾人应聘。",
    "试用期一个月。",
    "年底有奖金。",
    "有师傅带教。",
    "工作环境干净。",
    "需要适应加班。",
    "可提供住宿。",
    "节假日有福利。",
]
NEEDS = {
    1: ["screen_reader", "magnifier", "accessible_transport"],
    2: ["sign_language", "text_channel", "visual_alerts"],
    3: ["text_channel"],
    4: ["accessible_access", "elevator", "lifting_aid", "remote"],
    5: ["task_breakdown", "stable_schedule"],
    6: ["quiet_space", "stable_schedule", "flexible_hours"],
    7: ["task_breakdown", "accessible_access"],
}
_KEYS = sorted(FAMILIES)


def postings(n: int, seed: int = 320585) -> list[JobDoc]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        fam = FAMILIES[rng.choice(_KEYS)]
        acc = rng.sample(fam["acc"], k=min(len(fam["acc"]), rng.choice([0, 1, 1, 2])))
        text = [
            rng.choice(fam["intro"]),
            rng.choice(fam["duties"]),
            rng.choice(fam["reqs"]),
            rng.choice(EXTRA),
        ]
        text += [sentence for _, sentence in acc]
        low, high = fam["pay"]
        pay_min = rng.randrange(low, (low + high) // 2 + 1, 100)
        form = rng.choice(fam["forms"])
        out.append(
            JobDoc(
                id=f"J{i}",
                title=rng.choice(fam["titles"]),
                description="".join(text),
                skills=tuple(rng.sample(fam["skills"], k=min(len(fam["skills"]), rng.randint(0, 3)))),
                region="" if form == "home" and rng.random() < 0.5 else rng.choice(TOWNS),
                employment_form=form,
                hours=rng.choice(fam["hours"]),
                pay_min=Decimal(pay_min),
                pay_max=Decimal(rng.randrange(pay_min + 300, high + 400, 100)),
                education=rng.choice(fam["education"]),
                accommodations=frozenset(code for code, _ in acc),
                guaranteed_interview=rng.random() < 0.15,
            )
        )
    return out


def seekers(n: int, seed: int = 20250301) -> list[SeekerDoc]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        fam = FAMILIES[rng.choice(_KEYS)]
        category = rng.choice([None, 1, 2, 3, 4, 4, 5, 6, 7])
        out.append(
            SeekerDoc(
                id=f"S{i}",
                desired=rng.choice(fam["titles"]),
                skills=tuple(rng.sample(fam["skills"], k=min(len(fam["skills"]), rng.randint(1, 3)))),
                experience=rng.choice(fam["duties"]) if rng.random() < 0.5 else "",
                education=rng.choice(["junior", "senior", "vocational", "college"]),
                regions=tuple(rng.sample(TOWNS, k=rng.randint(0, 2))),
                employment_forms=tuple(rng.sample(fam["forms"], k=1)),
                hours=tuple(rng.sample(fam["hours"], k=1)),
                expected_pay=Decimal(rng.randrange(2000, 7000, 500)),
                disability_category=category,
                disability_grade=rng.randint(1, 4) if category else None,
                needs=frozenset(rng.sample(NEEDS[category], k=1)) if category else frozenset(),
            )
        )
    return out
