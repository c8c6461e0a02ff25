"""Each role's menu (url name, label). Later pages append to these lists."""

from django.urls import NoReverseMatch, reverse

PUBLIC = [("frontend:home", "首页"), ("frontend:help", "帮助与联系")]
MENUS = {
    "seeker": [("frontend:home", "首页"), ("frontend:my_data", "我的信息")],
    "employer": [("frontend:home", "首页"), ("frontend:employer_profile", "单位信息")],
    "auditor": [("frontend:home", "首页"), ("frontend:auditor_employers", "用人单位")],
    "admin": [("frontend:home", "首页"), ("admin:index", "后台管理")],
    # 残联 就业服务专员 (issue 15): their pages append here.
    "service": [("frontend:home", "首页")],
}
# Job market (frontend/urls_jobs.py)
MENUS["seeker"][1:1] = [
    ("frontend:matched_jobs", "为你推荐"),
    ("frontend:jobs_search", "找工作"),
    ("frontend:my_applications", "我的申请"),
    ("frontend:seeker_profile", "我的求职资料"),
]
MENUS["employer"].append(("frontend:employer_postings", "岗位管理"))
# The seeker's start page after sign-in (frontend/views/seeker_journey.py)
MENUS["seeker"].insert(1, ("frontend:seeker_start", "求职首页"))
# Quota (frontend/urls_quota.py)
PUBLIC[1:1] = [("frontend:quota_calculator", "保障金计算器"), ("frontend:quota_policy", "政策规定")]
MENUS["employer"].append(("frontend:quota_reports", "按比例就业年报"))
MENUS["employer"].append(("frontend:employer_notices", "保障金缴款"))
# Audit, decisions and indicators (frontend/urls_audit.py)
MENUS["auditor"] += [
    ("frontend:audit_compliance", "合规审核"),
    ("frontend:audit_runs", "年度核查"),
    ("frontend:audit_ledger", "补贴奖励"),
    ("frontend:audit_credit", "失信名单"),
    ("frontend:audit_dashboard", "就业指标"),
]
MENUS["employer"].append(("frontend:employer_credit", "信用记录"))
# Sign-in and registration checks (frontend/views/auth.py, auditor_registrations.py)
MENUS["auditor"].append(("frontend:auditor_registrations", "注册核实"))
# 实名制就业记录 (frontend/urls_employment.py)
MENUS["seeker"].insert(-1, ("frontend:my_employment_records", "我的就业记录"))
MENUS["employer"].append(("frontend:employer_employment_records", "实名制就业记录"))
MENUS["auditor"].append(("frontend:auditor_employment_records", "实名制就业"))
MENUS["auditor"].append(("frontend:otp_setup", "两步验证"))
MENUS["admin"].append(("frontend:otp_setup", "两步验证"))
# Verified facts: registry and insurance imports (frontend/urls_registry.py)
MENUS["auditor"].insert(-1, ("frontend:registry_imports", "核验数据导入"))
MENUS["admin"].insert(-1, ("frontend:registry_imports", "核验数据导入"))
# 消息 (frontend/urls_notifications.py): every signed-in role; the service desk's bookings
MENUS["seeker"].insert(-1, ("frontend:notifications", "我的消息"))
MENUS["employer"].append(("frontend:notifications", "我的消息"))
MENUS["auditor"].insert(-1, ("frontend:sign_language_desk", "手语视频预约"))
MENUS["auditor"].append(("frontend:notifications", "我的消息"))
MENUS["admin"].insert(-1, ("frontend:notifications", "我的消息"))

# 就业援助 (frontend/urls_assistance.py, issue 15)
MENUS["service"] += [
    ("frontend:service_seekers", "需要服务的求职者"),
    ("frontend:service_cases", "就业援助个案"),
    ("frontend:otp_setup", "两步验证"),
]
MENUS["seeker"].insert(-1, ("frontend:my_assistance", "就业援助"))

# 专场招聘会 (frontend/urls_jobfairs.py)
PUBLIC.insert(-1, ("frontend:fair_list", "招聘会"))
for _role in ("seeker", "employer", "service", "admin"):
    MENUS[_role].insert(len(MENUS[_role]) - (1 if _role == "admin" else 0), ("frontend:fair_list", "招聘会"))

# 残疾人之家 and individual subsidies (frontend/urls_daycentres.py, issue 15)
MENUS["service"].append(("frontend:day_centres", "残疾人之家"))
MENUS["service"].append(("frontend:service_subsidies", "代办补贴申请"))
MENUS["auditor"].insert(-1, ("frontend:day_centres", "残疾人之家"))
MENUS["auditor"].insert(-1, ("frontend:audit_subsidies", "个人补贴"))
MENUS["seeker"].insert(-1, ("frontend:my_subsidies", "我的补贴"))

MENUS["service"].append(("frontend:notifications", "我的消息"))

# 职业技能培训 (frontend/urls_training.py, issue 13)
MENUS["seeker"].insert(-1, ("frontend:my_training", "我的培训"))
# Staff keep the catalogue (its page links to the seekers' view of it) and the coder's aliases.
MENUS["service"].append(("frontend:course_manage_list", "培训课程管理"))
MENUS["admin"].insert(-1, ("frontend:course_manage_list", "培训课程管理"))
MENUS["service"].append(("frontend:learned_aliases", "岗位别名"))
MENUS["admin"].insert(-1, ("frontend:learned_aliases", "岗位别名"))

# The account items close every menu, whichever page was appended later: 我的消息, 我的信息, then
# 两步验证 (a stable sort keeps the order of everything else).
_ACCOUNT_ITEMS = ("frontend:notifications", "frontend:my_data", "frontend:otp_setup")
for _items in MENUS.values():
    _items.sort(key=lambda item: _ACCOUNT_ITEMS.index(item[0]) + 1 if item[0] in _ACCOUNT_ITEMS else 0)


def menu_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    items = MENUS.get(user.role, PUBLIC) if user is not None and user.is_authenticated else PUBLIC
    out = []
    for name, label in items:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        out.append({"url": url, "label": label, "current": request.path == url})
    return out
