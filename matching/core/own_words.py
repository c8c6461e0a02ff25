"""A seeker's own words → what they want, what they have done, and what they cannot do.

People describe themselves in one breath: "我以前在厂里做过两年包装，腿不方便不能久站，想找离家近的"
holds experience (包装), a limit (久站) and a wish (near home) — and no field says which is which.
Coding the whole text as a wanted occupation finds 精神科医师 in "精神残疾二级" and 退役军人事务员
in "退伍军人"; matching it as text finds 残疾人优先 postings for anyone who mentions 残疾人之家.

:func:`read_own_words` splits the text into clauses and sorts them by their verbs:

* wishes — "想找/想做/希望/能做 …", "保安司机都可以": the object is a wanted occupation;
* experience — "做过/干过/学过/开过 …": skills and the occupations done before;
* limits — "不能久站", "听不见电话", "千万别让我打电话": a job demanding this is not suggested
  (unless the employer offers what resolves it); dislikes — "不想上夜班", "压力别太大": lower;
* "只能在家" — on-site jobs are not suggested; places named ("浮桥或者港区都行").

Only what the seeker wrote is used; every reason built from it says it came from their own words.
A text with no wish verb at all ("盲人按摩，有医疗按摩证") is a plain wish, read as before.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .accommodations import parse_accommodation

FROM_OWN_WORDS = "您自己的描述"

_CLAUSES = re.compile(r"[，,。.；;！!？?\n\r\t（）()]+")
# "想找/想做/希望做/能做点/找个 …": what follows is the wish.
_WISH = re.compile(
    r"(?:(?:能|可以|想|只能)在.{1,10}?(?:做|干)|想要|想|希望|打算|愿意|要找|求职|应聘|找个|找份|找一份|能做点|"
    r"能做|可以做|只能做)(?:继续|找|做|干|从事|去|进)*(?:个|份|一份|一个|点|些)?"
)
# "保安司机都可以", "普工包装都行": a list of acceptable jobs.
_ALL_FINE = re.compile(r"^(.{2,16}?)(?:都行|都可以|均可|也行|也可以)$")
_EXPERIENCE = re.compile(
    r"(?:做过|干过|当过|学过|开过|写过|剪过|搬过|扫过|种过|带过|画过|用过|从事过|培训过|踩了|画了|写了|"
    r"干了|做了|以前|之前|原来|曾经|毕业|会用|会做|会开|会(?!计))"
)
# Amounts of time and filler inside an experience clause ("做过三年电话客服" → 电话客服).
_FILLER = re.compile(
    r"[一二两三四五六七八九十几半\d]+(?:年|个月|多年)(?:多)?|以前|之前|原来|曾经|在|做过|干过|当过|学过|"
    r"开过|从事过|培训过|做了|干了|了|的|也|还|过|我|都|就"
)
_WISH_TAIL = re.compile(
    r"(?:也行|都行|就行|也可以|都可以|做|干|的工作|的活儿?|的岗位|这种活?|这些|之类的?|那种|这样的|工作|岗位|的|活儿?|简单的|一点|最好|就行|吧)+$"
)
_WISH_SPLIT = re.compile(r"或者|或是|还是|或|和|跟|、|/|\s+")
_CONTINUE = re.compile(r"继续|还做|还想做|老本行")
_NOT_A_JOB = re.compile(
    r"^(?:在工厂|在厂|离家|家近|近|家门口|附近|坐着|坐办公室|安静|在家|家里|家办公|居家|远程|厂|工厂|公司|全市|全城|哪里)"
    r"|(?:镇|街道|区)$"
)

# What a seeker says they cannot do → demand codes of the fit table. A limit needs a negation
# or a body statement in the same clause; "开车没问题" is not a limit.
_CANNOT = re.compile(r"不能|不可以|没法|无法|干不了|做不了|受不了|搬不了|站不了|不会|别让|千万别|不要|不了")
_RATHER_NOT = re.compile(r"不想|不喜欢|最好不|尽量不|别太|不要太|压力别")
LIMIT_WORDS: dict[str, tuple[str, ...]] = {
    "heavy_physical": ("久站", "站太久", "站着", "搬", "重东西", "重物", "体力活", "力气活"),
    "night_shift": ("夜班", "倒班", "熬夜", "晚班", "通宵"),
    "phone": ("打电话", "接电话", "电话"),
    "driving": ("开车", "驾驶"),
    "speaking": ("说话", "讲话", "口才"),
    "visual_inspection": ("用眼睛看", "看细", "质检"),
    "high_pressure": ("压力",),
    "travel": ("出差", "外勤", "跑外面"),
}
# Body statements that are a limit by themselves (the person says it; no category needed).
BODY_LIMITS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"听不见|听不到|聋", ("phone",)),
    (r"说不了话|不能说话|不会说话|哑", ("phone", "speaking")),
    (r"全盲|看不见|看不清", ("driving", "visual_inspection")),
    (r"轮椅|截瘫|瘫痪|拄拐|不能久站", ("heavy_physical",)),
    (r"要固定白班|只上白班|只做白班", ("night_shift",)),
)
# "单位要有无障碍通道", "公司要有电梯或者能远程": accommodations the seeker asks for.
_NEED = re.compile(r"(?:要有|需要|得有|最好有|要求有|要能)(.{2,16})$")
_NEED_SPLIT = re.compile(r"或者|或是|还有|和|、|或|能|\s+")
_HOME_ONLY = re.compile(r"只能在家|只能居家|只能在家里|出不了门|不能出门")
_NEAR = re.compile(r"离家近|家门口|近一点|近点|附近|就近")

# Places as people say them → the region names postings use (Taicang's 区镇; staff can extend).
REGION_ALIASES: dict[str, str] = {
    "港区": "太仓港经济技术开发区",
    "太仓港": "太仓港经济技术开发区",
    "高新区": "太仓高新区",
}
_REGION_SUFFIX = re.compile(r"(?:街道|镇|乡|新区|区|市|县)$")


@dataclass(frozen=True)
class OwnWords:
    """What :func:`read_own_words` found; ``limits``/``dislikes`` are (demand, the words)."""

    wishes: tuple[str, ...] = ()
    experience: tuple[str, ...] = ()
    experience_jobs: tuple[str, ...] = ()
    limits: tuple[tuple[str, str], ...] = ()
    dislikes: tuple[tuple[str, str], ...] = ()
    home_only: bool = False
    near_home: bool = False  # "离家近", "家门口": the place matters more than usual
    continues: bool = False
    # Clauses that are none of the above ("缝纫工", "CAD制图"): the wish itself when no wish verb
    # is found anywhere (``structured`` False), as profiles were written before.
    plain: tuple[str, ...] = ()
    structured: bool = False
    needs: frozenset[str] = frozenset()  # accommodation codes asked for ("单位要有无障碍通道")

    @property
    def limit_demands(self) -> frozenset[str]:
        return frozenset(d for d, _ in self.limits)

    @property
    def dislike_demands(self) -> frozenset[str]:
        return frozenset(d for d, _ in self.dislikes) - self.limit_demands


def _clean_wish(text: str) -> list[str]:
    text = re.sub(r"^(?:离家|家)?近(?:一)?点?的", "", text.strip())  # 想找家近点的按摩店
    text = re.sub(r"^(?:点|些)?(?:简单|轻松)?的?", "", text)  # 做点简单手工
    text = _WISH_TAIL.sub("", text)
    out = []
    for part in _WISH_SPLIT.split(text):
        part = _WISH_TAIL.sub("", part.strip())
        part = re.sub(r"^(?:做|干|找|个|份|点|些|去|进)+", "", part)
        if len(part) >= 2 and not _NOT_A_JOB.search(part) and part not in REGION_ALIASES:
            out.append(part)
    return out


_EXPERIENCE_JOB = (
    re.compile(r"(?:做过|干过|当过|学过|开过|从事过|培训过|做了|干了)(.+)$"),  # 做过三年电话客服
    re.compile(r"在.{1,8}?(?:做|干|当)(.+)$"),  # 在食品厂做包装两年
    re.compile(r"^(.+?)(?:也|都)?(?:干过|做过)$"),  # 普工也干过
)


def _experience_job(clause: str) -> str:
    for pattern in _EXPERIENCE_JOB:
        m = pattern.search(clause)
        if m and _FILLER.sub("", m.group(1)):
            break
    else:
        return ""
    rest = _FILLER.sub("", m.group(1))
    rest = re.sub(r"^[个份点些]", "", rest)
    # "电子厂、塑料厂都干过" names workplaces, not the work
    return rest if 2 <= len(rest) <= 10 and not re.search(r"[厂店]$|公司$", rest) else ""


def _limits_in(clause: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    limits, dislikes = [], []
    for pattern, demands in BODY_LIMITS:
        if re.search(pattern, clause):
            limits += [(d, clause) for d in demands]
    soft = _RATHER_NOT.search(clause)
    hard = _CANNOT.search(clause)
    if soft or hard:
        for demand, words in LIMIT_WORDS.items():
            if any(w in clause for w in words):
                (dislikes if soft and not hard else limits).append((demand, clause))
    return limits, dislikes


@lru_cache(maxsize=4096)
def read_own_words(text: str) -> OwnWords:
    """Wishes, experience and limits in a seeker's own description (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text or "")
    wishes: list[str] = []
    experience: list[str] = []
    jobs: list[str] = []
    limits: list[tuple[str, str]] = []
    dislikes: list[tuple[str, str]] = []
    plain: list[str] = []
    needs: set[str] = set()
    structured = False
    continues = False
    for clause in (c.strip() for c in _CLAUSES.split(text)):
        if not clause:
            continue
        need = _NEED.search(clause)
        if need:
            needs.update(c for c in map(parse_accommodation, _NEED_SPLIT.split(need.group(1))) if c)
        found, soft = _limits_in(clause)
        limits += found
        dislikes += soft
        wish = _WISH.search(clause)
        fine = _ALL_FINE.match(clause)
        if wish and not found and not soft:
            structured = True
            continues |= bool(_CONTINUE.search(clause))
            wishes += _clean_wish(clause[wish.end() :])
        elif fine and not found:
            structured = True
            wishes += _clean_wish(fine.group(1))
        elif _EXPERIENCE.search(clause) and not found:
            experience.append(clause)
            job = _experience_job(clause)
            if job:
                jobs.append(job)
        elif not found and not soft:
            plain.append(clause)
    if structured and not wishes:
        wishes, plain = plain, []  # "德语翻译，想要安静一点的环境": the wish verb named no job
        structured = bool(wishes)
    return OwnWords(
        wishes=tuple(dict.fromkeys(wishes)),
        experience=tuple(experience),
        experience_jobs=tuple(dict.fromkeys(jobs)),
        limits=tuple(dict.fromkeys(limits)),
        dislikes=tuple(dict.fromkeys(dislikes)),
        home_only=bool(_HOME_ONLY.search(text)),
        near_home=bool(_NEAR.search(text)),
        continues=continues,
        plain=tuple(plain),
        structured=structured,
        needs=frozenset(needs),
    )


def regions_named(text: str, known: tuple[str, ...]) -> tuple[str, ...]:
    """Of the ``known`` region names, those the text names ("浮桥或者港区都行" → 浮桥镇, 太仓港…)."""
    text = unicodedata.normalize("NFKC", text or "")
    out = []
    for name in known:
        core = _REGION_SUFFIX.sub("", name)
        if len(core) >= 2 and core in text:
            out.append(name)
    for alias, name in REGION_ALIASES.items():
        if alias in text and name in known and name not in out:
            out.append(name)
    return tuple(out)


def query_text(seeker) -> str:
    """What to compare with postings: the wishes (twice) and the experience, not the limits nor
    the sentences about the person's body or family (they match 残疾人优先 postings, not work)."""
    words = read_own_words(seeker.desired)
    if not words.structured:
        return seeker.text()
    wanted = " ".join(words.wishes)
    if words.continues or not words.wishes:
        wanted = " ".join((wanted, *words.experience_jobs))
    return " ".join((wanted, wanted, " ".join(seeker.skills), " ".join(words.experience), seeker.experience))
