"""Presentation helpers for the quota pages: the calculator's display dict turned into rows a
template can print (labels in plain Chinese, counts without trailing zeros, money grouped).

Nothing here decides anything; the figures come from ``quota.services`` as strings.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from quota.core import PolicyError
from quota.core.display import format_months
from quota.services.report_figures import report_figures

STEP_NUMBER = re.compile(r"^\d+\.\s*")
# Reason codes of a line whose certificate could not be read (quota.core.eligibility).
UNREADABLE = {"invalid_certificate", "veteran_grade_invalid"}
TIER_TEXT = {
    "exempt": "暂免征收",
    "no_staff": "没有在职职工",
    "quota_met": "已达到规定比例，无需缴纳",
    "no_reduction": "未达到规定比例，全额征收",
    "tier_between": "比例在1%（含）至规定比例之间，减半征收",
    "tier_below": "比例低于1%，按90%征收",
}


def _decimal(text) -> Decimal | None:
    try:
        return Decimal(str(text))
    except (InvalidOperation, TypeError):
        return None


def count_text(text) -> str:
    """Counts without trailing zeros: "100.0000" → "100", "1.5000" → "1.5"."""
    value = _decimal(text)
    if value is None:
        return str(text or "")
    plain = format(value.normalize(), "f")
    return "0" if plain in ("-0", "") else plain


def money_text(text) -> str:
    """Money grouped by thousands: "54000.00" → "54,000.00"."""
    value = _decimal(text)
    return str(text or "") if value is None else format(value, ",.2f")


def steps_list(steps) -> list[str]:
    """The engine numbers its steps ("1. …"); the page shows them in an <ol>, so drop the number."""
    return [STEP_NUMBER.sub("", step) for step in steps or []]


def summary_rows(result: dict) -> list[tuple[str, str]]:
    """The headline figures of a calculation, in reading order."""
    rows = [
        ("数据年度", f"{result['data_year']}年"),
        ("征收年度（申报缴纳保障金的年度）", f"{result['levy_year']}年"),
        ("在职职工年平均人数 N", f"{count_text(result['employee_count'])} 人"),
        ("应安排残疾人数（N × 规定比例）", f"{count_text(result['required_count'])} 人"),
        ("实际安排残疾人数 D（按月折算，一二级按2人计）", f"{count_text(result['counted_disabled'])} 人"),
        ("实际比例", result["ratio_percent"]),
        ("差额人数", f"{count_text(result['shortfall'])} 人"),
        ("单位年平均工资", f"{money_text(result['average_wage'])} 元"),
        ("计算用的工资", f"{money_text(result['wage_base'])} 元"),
        ("减免情况", TIER_TEXT.get(result.get("tier"), "")),
        ("应缴残疾人就业保障金", f"{money_text(result['levy_due'])} 元"),
    ]
    rewards = result.get("rewards") or {
        "meet": result.get("reward_meet"),
        "above": result.get("reward_above"),
    }
    if _decimal(rewards.get("meet")) or _decimal(rewards.get("above")):
        rows.append(("可申请的达标奖励（标准待确认）", f"{money_text(rewards['meet'])} 元"))
        rows.append(("可申请的超比例奖励（标准待确认）", f"{money_text(rewards['above'])} 元"))
    return rows


def line_rows(lines, names: dict | None = None) -> list[dict]:
    """Per roster line: counted or not, how much, and every reason in plain Chinese."""
    names = names or {}
    rows = []
    for line in lines or []:
        codes = {reason.get("code") for reason in line.get("reasons") or []}
        if line.get("veteran"):
            kind = f"残疾军人证 {line['grade']}级" if line.get("grade") else "残疾军人证"
        elif line.get("grade"):
            kind = f"{line.get('category_name') or ''}{line['grade']}级"
        elif codes & UNREADABLE:
            kind = "无法识别"
        else:
            kind = "残疾人证"  # the grade is not shown to this reader (report_figures)
        months = set(line.get("months") or [])
        rows.append(
            {
                "line_id": line["line_id"],
                "name": names.get(line["line_id"], ""),
                "kind": kind,
                "weight": line.get("weight"),
                "counted": line.get("counted"),
                "months": format_months(months) if months else "无",
                "contribution": count_text(line.get("contribution")),
                "reasons": [reason["message"] for reason in line.get("reasons") or []],
                # 已核验 / 待核验 / 不一致: only a stored report's lines are checked against the facts.
                "verification": line.get("verification", ""),
                "verification_name": line.get("verification_name", ""),
            }
        )
    return rows


def verification_context(result: dict) -> dict | None:
    """How many lines rest on verified facts, and the levy if every pending one is confirmed."""
    counts = result.get("verification")
    if not counts:
        return None
    confirmed = result.get("if_confirmed") or {}
    return {
        "verified": counts.get("verified", 0),
        "pending": counts.get("pending", 0),
        "mismatch": counts.get("mismatch", 0),
        "levy_if_confirmed": money_text(confirmed.get("levy_due")) if confirmed else "",
        "counted_if_confirmed": count_text(confirmed.get("counted_disabled")) if confirmed else "",
    }


def report_preview_context(
    report, names: dict | None = None, *, user, request_id: str = "", disability: bool = True
) -> dict:
    """A stored report's figures for ``user`` — the approval snapshot once approved, else a live
    preview — or the reason they cannot be computed yet. ``disability=False`` for pages that show
    no per-line category or grade (nothing is read or logged then); otherwise each line's read is
    logged by ``report_figures``."""
    try:
        result = report_figures(report=report, user=user, request_id=request_id, disability=disability)
    except ValidationError as error:
        return {"preview": None, "preview_problems": error.messages}
    except PolicyError as error:
        return {"preview": None, "preview_problems": [error.message_zh]}
    return {
        "preview": preview_context(result, result.get("lines"), names),
        "from_snapshot": result["from_snapshot"],
    }


def preview_context(result: dict, lines, names: dict | None = None) -> dict:
    return {
        "raw": result,
        "levy_due": money_text(result["levy_due"]),
        "rows": summary_rows(result),
        "steps": steps_list(result.get("steps")),
        "lines": line_rows(lines, names),
        "exempt": result.get("exempt") in (True, "是"),
        "verification": verification_context(result),
    }
