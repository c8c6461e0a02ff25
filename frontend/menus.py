"""Each role's menu (url name, label). Later pages append to these lists."""

from django.urls import NoReverseMatch, reverse

PUBLIC = [("frontend:home", "首页"), ("frontend:help", "帮助与联系")]
MENUS = {
    "seeker": [("frontend:home", "首页"), ("frontend:my_data", "我的信息")],
    "employer": [("frontend:home", "首页"), ("frontend:employer_profile", "单位信息")],
    "auditor": [("frontend:home", "首页"), ("frontend:auditor_employers", "用人单位")],
    "admin": [("frontend:home", "首页"), ("admin:index", "后台管理")],
}


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
