"""Build noisy_titles.csv: posting titles as employers type them, each with the occupation code
(职业分类大典 2022) a person assigned to the clean title.

Where the classification's own common-names column lists a title (护工 → 医疗护理员), that code
is the label. Provenance: the base titles and their codes below were written and coded by hand by the project
(from the 2022 classification's names and definitions and general knowledge of how Chinese job
boards word postings); no third-party labelled data was used — in particular not the labelled job
titles of the cscoder repository, which are reserved as an independent check. Each base title is
dressed with the recruitment noise real postings carry (urgency words, pay, shifts, benefits,
places, company and brand names, brackets, emoji, compound titles) by a fixed-seed generator, so
the file is reproducible:

    python tests/data/matching/make_noisy_titles.py > tests/data/matching/noisy_titles.csv

Caveat (also in the README): the normaliser's noise lexicon and the colloquial alias table were
written by the same people while building this set, so scores on it are optimistic; it measures
whether noise is handled, not how the coder does on titles nobody on the project has seen.
"""

import csv
import random
import sys

# (clean title as employers write it, code)
BASES: list[tuple[str, str]] = [
    # factory floor
    ("包装工", "6-31-05-00"),
    ("打包员", "6-31-05-00"),
    ("贴标工", "6-31-05-00"),
    ("质检员", "6-31-03-05"),
    ("品检", "6-31-03-05"),
    ("QC", "6-31-03-05"),
    ("检验员", "6-31-03-05"),
    ("车工", "6-18-01-01"),
    ("CNC操作工", "6-18-01-07"),
    ("数控车床操作工", "6-18-01-07"),
    ("焊工", "6-18-02-04"),
    ("电焊工", "6-18-02-04"),
    ("冲压工", "6-18-01-12"),
    ("模具工", "6-18-04-01"),
    ("喷漆工", "6-18-03-03"),
    ("涂装工", "6-18-03-03"),
    ("机修工", "6-31-01-10"),
    ("设备维修工", "6-31-01-10"),
    ("电工", "6-31-01-03"),
    ("维修电工", "6-31-01-03"),
    ("缝纫工", "6-05-01-03"),
    ("平车工", "6-05-01-03"),
    ("裁剪工", "6-05-01-02"),
    ("汽车装调工", "6-22-02-01"),
    ("叉车工", "6-30-05-01"),
    ("叉车司机", "6-30-05-01"),
    ("行车工", "6-30-05-01"),
    ("安全员", "6-31-06-00"),
    # warehouse and logistics
    ("仓管", "4-02-06-01"),
    ("仓库管理员", "4-02-06-01"),
    ("库管员", "4-02-06-01"),
    ("理货员", "4-02-06-02"),
    ("装卸工", "4-02-05-01"),
    ("搬运工", "4-02-05-01"),
    ("分拣员", "4-02-07-02"),
    ("快递员", "4-02-07-08"),
    ("快递派件员", "4-02-07-08"),
    ("外卖骑手", "4-10-08-01"),
    ("配送员", "4-10-08-01"),
    ("货车司机", "4-02-02-02"),
    ("送货司机", "4-02-02-02"),
    ("大巴司机", "4-02-02-01"),
    ("物流专员", "4-02-06-03"),
    ("采购员", "4-01-01-00"),
    # sales and customer service
    ("客服", "4-04-05-03"),
    ("客服专员", "4-04-05-03"),
    ("电话客服", "4-04-05-03"),
    ("在线客服", "4-04-05-03"),
    ("淘宝客服", "4-04-05-03"),
    ("售后客服", "4-07-02-03"),
    ("客服主管", "4-07-02-03"),
    ("话务员", "4-04-05-03"),
    ("销售", "4-01-02-01"),
    ("销售代表", "4-01-02-01"),
    ("业务员", "4-01-02-01"),
    ("电话销售", "4-01-02-01"),
    ("电销", "4-01-02-01"),
    ("导购", "4-01-02-03"),
    ("营业员", "4-01-02-03"),
    ("店员", "4-01-02-03"),
    ("收银员", "4-01-02-04"),
    ("超市收银", "4-01-02-04"),
    ("电商运营", "4-01-06-01"),
    ("淘宝运营", "4-01-06-01"),
    ("网店店长", "4-01-06-01"),
    ("带货主播", "4-01-06-02"),
    ("直播主播", "4-01-06-02"),
    ("新媒体运营", "4-13-01-05"),
    ("抖音运营", "4-13-01-05"),
    # office
    ("文员", "3-01-01-01"),
    ("行政文员", "3-01-01-01"),
    ("办公室文员", "3-01-01-01"),
    ("前台", "3-01-02-02"),
    ("前台文员", "3-01-02-02"),
    ("数据录入员", "3-01-02-05"),
    ("打字员", "3-01-02-05"),
    ("会计", "2-06-03-00"),
    ("出纳", "2-06-03-00"),
    ("财务助理", "2-06-03-00"),
    ("人事专员", "4-07-03-04"),
    ("招聘专员", "4-07-03-08"),
    ("CAD制图员", "3-01-02-07"),
    ("绘图员", "3-01-02-07"),
    ("档案管理员", "2-10-07-00"),
    ("数据标注员", "4-04-05-05"),
    # design and IT
    ("平面设计", "4-08-08-06"),
    ("美工", "4-07-07-02"),
    ("淘宝美工", "4-07-07-02"),
    ("UI设计师", "2-09-06-07"),
    ("视频剪辑", "2-09-03-06"),
    ("Java开发工程师", "4-04-05-01"),
    ("软件测试", "4-04-05-02"),
    ("网管", "4-04-04-01"),
    # food and hospitality
    ("厨师", "4-03-02-01"),
    ("厨师长", "4-03-02-01"),
    ("面点师", "4-03-02-02"),
    ("西点师", "4-03-02-04"),
    ("服务员", "4-03-02-05"),
    ("餐厅服务员", "4-03-02-05"),
    ("传菜员", "4-03-02-05"),
    ("洗碗工", "4-03-02-05"),
    ("帮厨", "4-03-02-05"),
    ("咖啡师", "4-03-02-08"),
    ("奶茶店员", "4-03-02-10"),
    ("茶艺师", "4-03-02-07"),
    ("酒店前台", "4-03-01-01"),
    ("客房服务员", "4-03-01-02"),
    # services
    ("保洁", "4-09-08-01"),
    ("保洁员", "4-09-08-01"),
    ("清洁工", "4-09-08-01"),
    ("保安", "4-07-05-01"),
    ("门卫", "4-07-05-01"),
    ("安检员", "4-07-05-02"),
    ("绿化工", "4-09-10-01"),
    ("园林绿化", "4-09-10-01"),
    ("物业管理员", "4-06-01-01"),
    ("家政", "4-10-01-06"),
    ("保姆", "4-10-01-06"),
    ("月嫂", "4-10-01-06"),
    ("养老护理员", "4-10-01-05"),
    ("护工", "4-14-01-02"),
    ("育婴师", "4-10-01-03"),
    ("保育员", "4-10-01-03"),
    ("美容师", "4-10-03-01"),
    ("美发师", "4-10-03-02"),
    ("美甲师", "4-10-03-03"),
    ("按摩师", "4-10-04-02"),
    ("足疗技师", "4-10-04-02"),
    ("盲人按摩师", "2-05-10-00"),
    ("洗车工", "4-12-01-01"),
    ("汽修工", "4-12-01-01"),
    ("汽车美容", "4-12-01-01"),
    ("手工串珠", "6-09-03-17"),
    ("手工编织", "6-05-01-06"),
    ("幼儿园老师", "2-08-03-00"),
]

URGENT = ["急招", "诚聘", "高薪诚聘", "直招", "急聘", "招聘", "热招", "【急招】", "高薪招聘", "长期招聘"]
PAY = [
    "月薪4000-6000",
    "5k-8k",
    "6000+",
    "4500~5500元/月",
    "8-10K",
    "月入过万",
    "底薪3000+提成",
    "日结200",
    "综合6-8千",
]
BENEFITS = [
    "包吃住",
    "五险一金",
    "双休",
    "长白班",
    "可兼职",
    "无经验可培训",
    "男女不限",
    "包住",
    "年底双薪",
    "入职即缴社保",
]
SHIFTS = ["白班", "两班倒", "早班", "夜班补贴"]
PLACES = ["太仓", "太仓城厢", "浏河", "沙溪镇", "太仓港区", "科教新城", "璜泾", "苏州"]
COMPANIES = [
    "某电子厂",
    "顺丰",
    "京东物流",
    "德资企业",
    "世界500强",
    "太仓某某科技有限公司",
    "美团",
    "海底捞",
]
EMOJI = ["🔥", "⭐", "💰", "✨"]


def noisy(rng: random.Random, title: str) -> str:
    """One realistic dressing of ``title`` (always at least one kind of noise)."""
    parts = [title]
    kinds = rng.sample(
        ["urgent", "pay", "benefit", "shift", "place", "company", "emoji", "bracket"], k=rng.randint(1, 3)
    )
    if "company" in kinds:
        parts.insert(0, rng.choice(COMPANIES))
    if "place" in kinds:
        parts.insert(0, rng.choice(PLACES) if rng.random() < 0.5 else f"【{rng.choice(PLACES)}】")
    if "urgent" in kinds:
        parts.insert(0, rng.choice(URGENT))
    if "bracket" in kinds:
        parts.append(f"（{rng.choice(BENEFITS)}）")
    if "benefit" in kinds:
        parts.append(rng.choice(BENEFITS) + (" " + rng.choice(BENEFITS) if rng.random() < 0.4 else ""))
    if "shift" in kinds:
        parts.append(rng.choice(SHIFTS))
    if "pay" in kinds:
        parts.append(rng.choice(PAY))
    if "emoji" in kinds:
        parts.insert(0, rng.choice(EMOJI))
    sep = rng.choice([" ", "", "/", " | ", "，"])
    return sep.join(parts)


def compound(rng: random.Random, first: str, second: str) -> str:
    return f"{first}{rng.choice(['/', '、', '或', '+'])}{second}"


def main(out=sys.stdout, per_base: int = 4, seed: int = 20261207) -> None:
    rng = random.Random(seed)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["job_name", "code", "base"])
    for title, code in BASES:
        for _ in range(per_base):
            writer.writerow([noisy(rng, title), code, title])
    # Compound titles ("客服/销售"): the first named occupation is the gold code.
    for _ in range(len(BASES) // 2):
        (a, code), (b, _) = rng.sample(BASES, 2)
        writer.writerow([noisy(rng, compound(rng, a, b)), code, a])


if __name__ == "__main__":
    main()
