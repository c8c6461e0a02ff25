"""Posting titles as employers type them → the occupation phrases inside them.

"急招【浏河】电子厂普工（包吃住）5k-8k" says 普工; "高薪诚聘淘宝客服/可兼职" says 淘宝客服;
"客服/销售" names two occupations. :func:`title_phrases` strips the recruitment noise — urgency,
pay, shifts, benefits, places, company and brand names, brackets, emoji — and splits compound
titles, so the coder compares only words that describe the work (issue 13).

A noise word inside an occupation's own name is kept: "招聘专员" is an occupation although
"招聘" is noise, "京东客服" is a title although "京东" is a brand. The coder passes the
classification's names and common names as ``protected`` for that.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Words that advertise rather than describe (sources: the wording of postings on Chinese job
# boards; each class below is removed wherever it stands).
URGENCY = (
    "高薪诚聘",
    "高薪招聘",
    "长期招聘",
    "大量招聘",
    "火热招聘",
    "急招",
    "急聘",
    "诚聘",
    "直招",
    "热招",
    "高薪",
    "招聘",
    "招募",
    "急需",
    "聘",
)
BENEFITS = (
    "包吃包住",
    "包食宿",
    "包吃住",
    "管吃管住",
    "包吃",
    "包住",
    "五险一金",
    "六险一金",
    "五险",
    "社保",
    "入职即缴社保",
    "入职即缴",
    "年底双薪",
    "年终奖",
    "双休",
    "单休",
    "大小周",
    "不加班",
    "无经验可培训",
    "无经验",
    "零经验",
    "可培训",
    "带薪培训",
    "男女不限",
    "限男",
    "限女",
    "可兼职",
    "兼职",
    "全职",
    "日结",
    "周结",
    "月结",
    "提成",
    "底薪",
    "补贴",
    "待遇优厚",
    "待遇从优",
    "福利好",
    "可居家",
    "居家",
    "在家办公",
    "坐班",
    "坐岗",
    "站岗",
    "残疾人优先",
    "残疾人专岗",
    "残疾人岗",
    "助残岗",
    "可带娃",
    "宝妈",
    "学生",
    "暑假工",
    "寒假工",
    "临时工",
    "小时工",
    "长期",
    "稳定",
    "轻松",
    "急",
)
SHIFTS = ("长白班", "两班倒", "三班倒", "倒班", "夜班补贴", "白班", "夜班", "早班", "中班", "晚班")
PLACES = (
    "太仓港区",
    "太仓港",
    "科教新城",
    "高新区",
    "经济开发区",
    "开发区",
    "工业园区",
    "工业园",
    "太仓市",
    "太仓",
    "城厢",
    "沙溪",
    "浏河",
    "浮桥",
    "璜泾",
    "双凤",
    "陆渡",
    "港区",
    "苏州",
    "昆山",
    "常熟",
    "上海",
    "嘉定",
    "本地",
    "附近",
    "就近",
    "市区",
)
BRANDS = (
    "世界500强",
    "500强",
    "德资企业",
    "德资",
    "德企",
    "外资企业",
    "外企",
    "国企",
    "央企",
    "上市公司",
    "大型企业",
    "知名企业",
    "顺丰",
    "京东物流",
    "京东",
    "美团",
    "饿了么",
    "海底捞",
    "肯德基",
    "麦当劳",
    "星巴克",
    "盒马",
    "拼多多",
    "淘宝",
    "天猫",
    "抖音",
    "快手",
)
# Occupation words that may follow a brand ("京东客服"): the brand then stays, the coder knows it.
_COMPANY_RE = re.compile(
    r"[\u4e00-\u9fff]{2,12}?(?:有限责任公司|股份有限公司|有限公司|公司|集团)|某\S{0,4}?[厂店]"
)
# Pay: a range, an amount with a unit, or three digits and more ("C1司机" keeps its 1).
_PAY_RE = re.compile(
    r"(?:(?:月薪|月入|年薪|底薪|综合|时薪|日薪|薪资|工资|待遇|日结)\s*)?"
    r"(?:\d+(?:\.\d+)?\s*[kw千万]?\s*[-~～至到]\s*\d+(?:\.\d+)?\s*[kw千万]?|\d+(?:\.\d+)?\s*[kw千万]|\d{3,})"
    r"\s*\+?\s*(?:元|块)?\s*(?:(?:/|每)\s*(?:月|天|日|时|小时|年))?(?:以上|起)?(?:\s*[·.]\s*\d+\s*薪)?"
)
_AGE_RE = re.compile(r"\d{2}\s*[-~～至到]\s*\d{2}\s*岁|\d{2}岁以[下上]")
_OVER_RE = re.compile(r"(?:月入|月薪|轻松)?(?:过万|上万|破万)")
_BRACKETS_RE = re.compile(r"[【\[(（「『<《]([^】\])）」』>》]*)[】\])）」』>》]")
# Emoji and pictographs, dingbats, arrows and other symbols: never part of an occupation.
_SYMBOLS_RE = re.compile(
    "[\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f★☆●○◆◇■□▲△※]"
)
_SPLIT_RE = re.compile(r"\s*(?:/|／|、|\||｜|,|，|;|；|\+|＋|或者|或|兼)\s*")
_NOISE_WORDS = tuple(sorted({*URGENCY, *BENEFITS, *SHIFTS, *PLACES, *BRANDS}, key=len, reverse=True))


def _is_noise(fragment: str) -> bool:
    """True when nothing of ``fragment`` is left once the noise words are removed."""
    rest = _PAY_RE.sub(" ", _strip_words(_OVER_RE.sub(" ", fragment), frozenset()))
    return not re.search(r"[\u4e00-\u9fffa-z]", rest)


def _strip_words(text: str, protected: frozenset[str]) -> str:
    # Occupation names that contain a noise word are masked first, then restored.
    masks: dict[str, str] = {}
    for n, word in enumerate(w for w in protected if w in text):
        key = f"\x00{n}\x00"
        masks[key] = word
        text = text.replace(word, key)
    for word in _NOISE_WORDS:
        if word in text:
            text = text.replace(word, " ")
    for key, word in masks.items():
        text = text.replace(key, word)
    return text


def protected_phrases(words: Iterable[str]) -> frozenset[str]:
    """Of ``words`` (the classification's names and common names), those a noise word is part
    of — lower-cased and NFKC-normalised, ready for :func:`title_phrases`."""
    out = set()
    for entry in words:
        # "招聘专员/助理" protects 招聘专员.
        for word in re.split(r"[/、()（）\s]+", unicodedata.normalize("NFKC", entry).lower()):
            if len(word) >= 2 and any(w in word for w in _NOISE_WORDS) and not _is_noise(word):
                out.add(word)
    return frozenset(out)


def title_phrases(title: str, protected: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The occupation phrases of a posting title, the first named first; () when none is left.

    ``protected``: phrases never cut (:func:`protected_phrases` of the classification).
    """
    if not title:
        return ()
    text = unicodedata.normalize("NFKC", title).lower()
    text = _SYMBOLS_RE.sub(" ", text)
    # A bracket holding only noise ("（包吃住）", "【浏河】") goes; one holding words ("（IQC）",
    # "（德企）" aside) becomes a phrase of its own after the main title.
    tail: list[str] = []

    def bracket(m: re.Match) -> str:
        inner = m.group(1).strip()
        if inner and not _is_noise(inner):
            tail.append(inner)
        return " / "

    text = _BRACKETS_RE.sub(bracket, text)
    text = _AGE_RE.sub(" ", text)
    text = _OVER_RE.sub(" ", text)
    text = _COMPANY_RE.sub(" ", text)
    # Noise words, then pay, go before the split: "可兼职" must not split at 兼, and "世界500强"
    # is a brand before 500 could be read as pay.
    text = _PAY_RE.sub(" ", _strip_words(text, protected))
    out: list[str] = []
    for part in [*_SPLIT_RE.split(text), *(_PAY_RE.sub(" ", _strip_words(t, protected)) for t in tail)]:
        part = " ".join(re.sub(r"[^\w\u4e00-\u9fff#+.]", " ", part).split())
        if part and re.search(r"[\u4e00-\u9fffa-z]", part) and part not in out:
            out.append(part)
    return tuple(out)
