"""A cleaned skill vocabulary: free-text skills → canonical names.

Lexical similarity alone barely ranks people against jobs; a shared canonical
skill list is the cheapest structured signal with a large gain (docs/matching.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

from .text import normalize

# canonical name → aliases (the canonical name is always an alias of itself).
DEFAULT_SKILLS: dict[str, tuple[str, ...]] = {
    # office and data work
    "办公软件": ("office", "电脑办公", "办公自动化", "wps", "电脑操作", "计算机操作"),
    "Excel": ("excel", "电子表格", "表格制作", "表格处理"),
    "Word": ("word", "文档编辑", "文档排版"),
    "PowerPoint": ("ppt", "powerpoint", "幻灯片"),
    "打字": ("文字录入", "录入", "数据录入", "打字录入", "五笔", "五笔打字", "拼音打字", "键盘录入", "盲打"),
    "速录": ("速记", "会议速录"),
    "数据标注": ("标注", "图片标注", "语音标注", "文本标注", "ai标注", "数据标注员"),
    "数据分析": ("数据统计", "统计分析"),
    "文员": ("行政文员", "办公室文员", "文职"),
    "档案管理": ("档案整理", "档案数字化", "资料整理", "文件归档"),
    "校对": ("文字校对", "校稿"),
    "翻译": ("英语翻译", "笔译", "口译"),
    "英语": ("英文", "英语四级", "英语六级", "cet4", "cet6"),
    "读屏软件": ("读屏", "争渡读屏", "nvda", "保益读屏", "屏幕阅读"),
    "盲文": ("盲文读写", "点字"),
    "手语": ("手语交流", "中国手语", "手语翻译"),
    "普通话": ("普通话标准", "普通话二甲", "普通话二级"),
    # design and media
    "CAD": ("autocad", "cad制图", "cad绘图", "机械制图", "工程制图", "制图"),
    "SolidWorks": ("solidworks", "sw建模", "solid works"),
    "3D建模": ("3dmax", "3ds max", "maya", "c4d", "blender", "三维建模", "建模"),
    "Photoshop": ("ps", "photoshop", "修图", "图片处理", "p图"),
    "Illustrator": ("ai设计", "illustrator"),
    "CorelDRAW": ("coreldraw", "cdr"),
    "平面设计": ("平面设计师", "海报设计", "广告设计", "美工", "视觉设计", "排版设计"),
    "网页设计": ("网页制作", "网站设计", "ui设计", "ui"),
    "插画": ("手绘", "绘画", "插画设计", "原画"),
    "短视频剪辑": (
        "视频剪辑",
        "剪辑",
        "剪映",
        "premiere",
        "pr",
        "pr剪辑",
        "视频制作",
        "短视频制作",
        "抖音剪辑",
    ),
    "摄影": ("拍照", "产品拍摄", "摄像"),
    "直播": ("带货直播", "直播带货", "主播", "直播运营"),
    "文案": ("文案写作", "写作", "内容编辑", "新媒体编辑", "公众号编辑"),
    # e-commerce and customer service
    "电商运营": (
        "电子商务",
        "网店运营",
        "淘宝运营",
        "店铺运营",
        "电商",
        "拼多多运营",
        "抖店运营",
        "跨境电商",
        "亚马逊运营",
        "速卖通",
    ),
    "在线客服": (
        "淘宝客服",
        "网络客服",
        "电商客服",
        "天猫客服",
        "京东客服",
        "拼多多客服",
        "文字客服",
        "售前客服",
        "售后客服",
    ),
    "客服": ("客户服务", "客服专员", "客服代表"),
    "电话客服": ("话务", "话务员", "热线客服", "呼叫中心", "接线员"),
    "电话销售": ("电销", "电话营销", "外呼"),
    "销售": ("销售代表", "推销", "业务员", "市场推广", "地推"),
    "导购": ("营业员", "店员", "售货员", "门店销售"),
    "收银": ("收银员", "超市收银", "收款"),
    "理货": ("理货员", "上架", "补货", "陈列"),
    # accounting and admin
    "会计": ("记账", "做账", "财务", "会计核算", "初级会计", "会计证", "账务处理"),
    "出纳": ("现金管理", "出纳员"),
    "用友": ("用友软件", "用友财务软件", "u8"),
    "金蝶": ("金蝶软件", "金蝶财务软件", "kis"),
    "人事": ("人力资源", "人事专员", "考勤", "社保办理"),
    # logistics and warehouse
    "仓库管理": ("仓管", "库管", "仓储管理", "仓库", "出入库", "盘点"),
    "WMS": ("wms", "仓储管理系统", "wms系统"),
    "叉车": ("叉车证", "叉车驾驶", "开叉车", "叉车操作"),
    "物流分拣": ("分拣", "快递分拣", "包裹分拣", "扫码分拣"),
    "快递": ("快递员", "派件", "揽件", "快递收派"),
    "配送": ("送货", "送餐", "外卖", "骑手", "跑腿"),
    "驾驶": ("c1驾照", "c2驾照", "驾照", "驾驶证", "开车", "b2驾照", "a2驾照"),
    # production
    "质检": ("qc", "品检", "质量检验", "品质检验", "外观检验", "检验", "iqc", "oqc", "ipqc"),
    "包装": ("产品包装", "打包", "装箱", "贴标"),
    "装配": ("组装", "电子装配", "产品组装", "流水线装配", "插件"),
    "焊接": ("电焊", "焊工", "焊锡", "氩弧焊", "二保焊", "焊工证"),
    "数控": ("cnc", "数控车床", "数控编程", "加工中心", "车床操作"),
    "钳工": ("机修钳工", "装配钳工"),
    "电工": ("电工证", "低压电工", "电工作业", "水电工", "维修电工"),
    "机修": ("设备维修", "机械维修", "设备保养"),
    "普工": ("操作工", "流水线", "生产线", "作业员"),
    "缝纫": ("平车", "车工", "缝纫机", "服装缝制", "缝制"),
    "裁剪": ("裁床", "服装裁剪"),
    "熨烫": ("整烫", "烫衣"),
    "手工编织": ("编织", "钩针", "毛线编织", "手工编织品"),
    "刺绣": ("十字绣", "苏绣", "绣花"),
    "剪纸": ("剪纸艺术",),
    "陶艺": ("陶瓷制作", "拉坯", "陶艺制作"),
    "手工艺": ("手工制作", "手工活", "手工", "串珠", "工艺品制作", "非遗手工"),
    "木工": ("木匠", "木工活"),
    "印刷": ("印刷机操作", "丝网印刷"),
    # care, service and food
    "盲人按摩": ("盲人推拿", "盲人医疗按摩", "医疗按摩"),
    "推拿": ("保健推拿", "中医推拿", "按摩推拿", "按摩", "保健按摩", "足疗", "足浴"),
    "保洁": ("清洁", "打扫", "保洁员", "清洁工", "卫生清洁", "家庭保洁"),
    "绿化": ("绿化养护", "园林绿化", "花木养护", "园艺", "修剪"),
    "家政": ("家政服务", "保姆", "钟点工", "育婴"),
    "养老护理": ("护工", "护理员", "老人护理", "陪护"),
    "烹饪": ("厨师", "炒菜", "中餐", "烹调", "厨艺", "做饭"),
    "面点": ("面点师", "包子", "馒头", "中式面点"),
    "烘焙": ("烘焙师", "面包", "蛋糕", "西点", "蛋糕制作"),
    "咖啡": ("咖啡师", "咖啡制作", "拉花"),
    "茶艺": ("茶艺师", "泡茶"),
    "餐厅服务": ("服务员", "传菜", "点餐", "餐饮服务"),
    "洗碗": ("洗碗工", "洗涤", "清洗餐具"),
    "配菜": ("切配", "帮厨", "厨房帮工"),
    "洗车": ("洗车工", "汽车美容", "汽车清洗"),
    "安保": ("保安", "门卫", "安保巡逻", "保安证", "巡逻"),
    "前台接待": ("前台", "接待", "迎宾"),
    "美容美发": ("美发", "理发", "美容", "美甲"),
    "宠物护理": ("宠物美容", "宠物洗护"),
    # IT
    "编程": ("程序开发", "软件开发", "写代码", "程序员"),
    "Python": ("python", "py"),
    "Java": ("java", "java开发"),
    "JavaScript": ("javascript", "js", "前端开发", "前端"),
    "HTML/CSS": ("html", "css", "html5"),
    "SQL": ("sql", "mysql", "数据库"),
    "软件测试": ("测试", "功能测试", "软件测试员"),
    "网络维护": ("网管", "电脑维修", "it运维", "网络管理"),
    "电脑组装": ("装机", "电脑维护"),
    "新媒体运营": ("公众号运营", "微信运营", "抖音运营", "小红书运营", "社群运营"),
    "SEO": ("seo", "搜索优化"),
    "网络推广": ("推广", "sem", "信息流投放"),
    # others common on disability employment platforms
    "农业种植": ("种植", "种菜", "大棚种植", "农业"),
    "养殖": ("家禽养殖", "水产养殖", "喂养"),
    "心理咨询": ("心理咨询师", "心理辅导"),
    "教学": ("教师", "培训讲师", "家教", "辅导"),
    "音乐": ("乐器", "钢琴", "二胡", "唱歌"),
    "调音": ("钢琴调律", "调律"),
    "主持": ("主持人", "司仪"),
    "客服质检": ("通话质检", "客服质量"),
    "电子元件检测": ("元件检测", "电子检测"),
    "喷涂": ("喷漆", "涂装"),
    "打磨": ("抛光", "去毛刺"),
    "物业管理": ("物业", "物业服务"),
    "客房服务": ("客房清洁", "铺床", "酒店客房"),
    "服装制版": ("打版", "制版", "服装打版"),
    "搬运装卸": ("搬运", "装卸", "装卸工"),
    "汽车维修": ("汽修", "汽车保养", "汽车维护"),
    "图书管理": ("图书整理", "图书馆"),
    "复印打印": ("打印", "复印", "装订", "文印"),
    "短视频运营": ("短视频", "抖音", "快手"),
}

# Words around a skill that are not the skill: "熟练使用excel表格" → "excel".
_MODIFIERS = re.compile(
    r"^(?:熟练使用|熟练掌握|熟练操作|熟练|精通|熟悉|掌握|会使用|能使用|会|能|懂|了解|擅长|具备|有)"
    r"|(?:表格|软件|操作|技能|技术|能力|基础|经验|证书|证|工作|相关)$"
)
# A specialised skill is also the general one: three years of 电话客服 is 客服 experience, so a
# job asking for 客服 must not list it as missing (issue 13, "seekers' own words").
SKILL_IMPLIES: dict[str, tuple[str, ...]] = {
    "电话客服": ("客服",),
    "在线客服": ("客服",),
    "电话销售": ("销售",),
    "盲人按摩": ("推拿",),
    "速录": ("打字",),
}


def with_implied(skills: Iterable[str]) -> tuple[str, ...]:
    """``skills`` followed by the general skills they imply (:data:`SKILL_IMPLIES`), no repeats."""
    out = dict.fromkeys(skills)
    for skill in list(out):
        out.update(dict.fromkeys(SKILL_IMPLIES.get(skill, ())))
    return tuple(out)


_SPLIT = re.compile(r"[;；,，|、/\\\n\r\t ]+")


def split_skills(text: str) -> list[str]:
    """ "Excel、打字；CAD/PS" → ["Excel", "打字", "CAD", "PS"]."""
    if not text:
        return []
    text = unicodedata.normalize("NFKC", text)
    return [part.strip() for part in _SPLIT.split(text) if part.strip()]


def _key(raw: str) -> str:
    return "".join(normalize(raw).split())


class SkillVocabulary:
    """canonical skill → aliases, with lookup, affix stripping and fuzzy fallback."""

    def __init__(self, canonical: Mapping[str, Iterable[str]], *, fuzzy_cutoff: float = 85.0) -> None:
        self.canonical: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in canonical.items()}
        self.fuzzy_cutoff = fuzzy_cutoff
        self._alias: dict[str, str] = {}
        for name, aliases in self.canonical.items():
            for alias in (name, *aliases):
                key = _key(alias)
                if key:
                    self._alias.setdefault(key, name)
        self._keys = sorted(self._alias, key=len, reverse=True)
        self._fuzzy_keys = [k for k in self._keys if len(k) >= 3]
        self._extract_re = self._build_extract_re()
        self._looked_up: dict[str, str | None] = {}  # raw skill → lookup() (skills repeat a lot)

    def _build_extract_re(self) -> re.Pattern:
        parts = []
        for key in self._keys:
            if len(key) < 2:
                continue
            escaped = re.escape(key)
            # latin aliases must stand alone ("ps" not inside "tips")
            if re.match(r"[a-z0-9]", key):
                escaped = r"(?<![a-z0-9])" + escaped
            if re.search(r"[a-z0-9]$", key):
                escaped += r"(?![a-z0-9])"
            parts.append(escaped)
        return re.compile("|".join(parts)) if parts else re.compile(r"(?!x)x")

    def __contains__(self, name: str) -> bool:
        return name in self.canonical

    def __len__(self) -> int:
        return len(self.canonical)

    def lookup(self, raw: str) -> str | None:
        """One raw skill → canonical name, or None if it is not in the vocabulary."""
        try:
            return self._looked_up[raw]
        except KeyError:
            pass
        name = self._lookup(raw)
        if len(self._looked_up) >= 65536:
            self._looked_up.clear()
        self._looked_up[raw] = name
        return name

    def _lookup(self, raw: str) -> str | None:
        key = _key(raw)
        if not key:
            return None
        if key in self._alias:
            return self._alias[key]
        stripped = key
        for _ in range(3):
            new = _MODIFIERS.sub("", stripped)
            if new == stripped:
                break
            stripped = new
            if stripped in self._alias:
                return self._alias[stripped]
        # an alias covering at least half of what is left
        for alias in self._keys:
            if len(alias) >= 2 and alias in stripped and 2 * len(alias) >= len(stripped):
                return self._alias[alias]
        if len(stripped) >= 3:
            hit = process.extractOne(
                stripped, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff
            )
            if hit is not None:
                return self._alias[hit[0]]
        return None

    def normalize(self, raw: Iterable[str]) -> tuple[str, ...]:
        """Canonical names in first-seen order; unknown skills kept as cleaned text.

        A single string is split with :func:`split_skills` first.
        """
        if isinstance(raw, str):
            raw = split_skills(raw)
        out: dict[str, None] = {}
        for item in raw:
            whole = self.lookup(item)
            if whole is not None:
                out.setdefault(whole, None)
                continue
            for part in split_skills(item):
                name = self.lookup(part)
                if name is None:
                    name = " ".join(unicodedata.normalize("NFKC", part).split())
                out.setdefault(name, None)
        return tuple(out)

    def extract(self, text: str) -> tuple[str, ...]:
        """Canonical skills mentioned anywhere in free text (longest alias wins)."""
        norm = normalize(text)
        out: dict[str, None] = {}
        for m in self._extract_re.finditer(norm):
            out.setdefault(self._alias[m.group(0)], None)
        return tuple(out)


DEFAULT_VOCABULARY = SkillVocabulary(DEFAULT_SKILLS)
