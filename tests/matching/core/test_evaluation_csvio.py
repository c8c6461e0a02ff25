import math
from decimal import Decimal
from pathlib import Path

import pytest

from matching.core.csvio import CsvError, read_jobs, read_labels, read_seekers
from matching.core.evaluation import count_conflicts, evaluate, mrr, ndcg_at_k, precision_at_k, recall_at_k

from .conftest import REPO, make_job, make_seeker

GRADES = {"a": 2, "b": 1, "c": 0, "d": 1}


def test_precision_and_recall_at_k():
    ranked = ["x", "a", "c", "b", "y"]
    assert precision_at_k(ranked, GRADES, 5) == pytest.approx(2 / 5)
    assert precision_at_k(ranked, GRADES, 2) == pytest.approx(1 / 2)
    assert precision_at_k(["a"], GRADES, 5) == pytest.approx(1 / 5)  # empty slots count
    assert recall_at_k(ranked, GRADES, 10) == pytest.approx(2 / 3)
    assert recall_at_k(ranked, {"c": 0}, 10) == 0.0


def test_ndcg_by_hand():
    ranked = ["x", "a", "c", "b"]
    dcg = 3 / math.log2(3) + 1 / math.log2(5)
    ideal = 3 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)  # a, b, d
    assert ndcg_at_k(ranked, GRADES, 10) == pytest.approx(dcg / ideal)
    assert ndcg_at_k(["a", "b", "d"], GRADES, 10) == pytest.approx(1.0)
    assert ndcg_at_k(["a"], GRADES, 1) == pytest.approx(1.0)
    assert ndcg_at_k(["x"], {"x": 0}, 10) == 0.0


def test_mrr():
    assert mrr(["x", "c", "b"], GRADES) == pytest.approx(1 / 3)
    assert mrr(["x"], GRADES) == 0.0


def test_evaluate_overall_and_per_group():
    rankings = {"s1": ["a", "b"], "s2": ["x", "y"], "s3": ["z"]}
    labels = {"s1": {"a": 2, "b": 1}, "s2": {"y": 1}, "s3": {"z": 0}}
    report = evaluate(rankings, labels, {"s1": "视力", "s2": "听力", "s3": "视力"})
    assert report["overall"]["n"] == 2
    assert report["overall"]["mrr"] == pytest.approx((1 + 1 / 2) / 2)
    assert report["groups"]["视力"]["ndcg@10"] == pytest.approx(1.0)
    assert report["groups"]["听力"]["p@5"] == pytest.approx(1 / 5)
    assert report["skipped"] == ["s3"]


def test_count_conflicts_counts_unresolved_exclusions_in_top_k():
    jobs = [
        make_job("drive", "货车司机"),
        make_job("qc", "质检员", accommodations={"magnifier"}),
        make_job("type", "打字员"),
    ]
    seekers = [make_seeker("blind", disability_category=1, disability_grade=1), make_seeker("none")]
    rankings = {"blind": ["drive", "qc", "type"], "none": ["drive"]}
    assert count_conflicts(rankings, jobs, seekers) == 2
    assert count_conflicts(rankings, jobs, seekers, k=1) == 1
    licensed = [make_seeker("blind", skills=["C1驾照"], disability_category=1, disability_grade=1)]
    assert count_conflicts({"blind": ["drive"]}, jobs, licensed) == 0
    assert count_conflicts({"blind": ["drive"]}, jobs, licensed, vocabulary=None) == 1


JOBS_CSV = """id,title,description,skills,region,employment_form,hours,pay_min,pay_max,education,accommodations
J1,淘宝客服,在线回复,打字、Excel,沙溪镇,竞争性,全职,3500,4500,高中,读屏软件；弹性工时
J2,数据标注员,,数据标注|打字,,home,flexible,,,,
J3,保洁员,清洁,,城厢镇,集中,兼职,2800.50,,中专,无障碍通道/卫生间
"""
SEEKERS_CSV = """id,desired,skills,experience,education,region,disability_category,disability_grade,needs
S1,淘宝客服,打字；Excel,超市收银,初中,沙溪镇,1,1,读屏软件、居家办公
S2,保洁,,,,,,,
S3,打字,,,大专,城厢镇、沙溪镇,多重,二级,
"""
LABELS_CSV = """seeker_id,job_id,grade
S1,J1,2
S1,J2,1
S2,J3,0
"""


def test_read_jobs_maps_chinese_values_and_lists():
    j1, j2, j3 = read_jobs(JOBS_CSV)
    assert j1.skills == ("打字", "Excel")
    assert (j1.employment_form, j1.hours, j1.education) == ("competitive", "full_time", "senior")
    assert (j1.pay_min, j1.pay_max) == (Decimal("3500"), Decimal("4500"))
    assert j1.accommodations == {"screen_reader", "flexible_hours"}
    assert (j2.employment_form, j2.hours, j2.pay_min, j2.region) == ("home", "flexible", None, "")
    assert j2.demands is None
    assert (j3.employment_form, j3.hours, j3.education, j3.pay_min) == (
        "sheltered",
        "part_time",
        "vocational",
        Decimal("2800.50"),
    )
    assert j3.accommodations == {"accessible_access"}


def test_read_seekers_and_labels():
    s1, s2, s3 = read_seekers(SEEKERS_CSV)
    assert (s1.disability_category, s1.disability_grade, s1.education) == (1, 1, "junior")
    assert s1.needs == {"screen_reader", "remote"}
    assert s1.regions == ("沙溪镇",) and s1.skills == ("打字", "Excel")
    assert (s2.disability_category, s2.disability_grade, s2.needs) == (None, None, frozenset())
    assert (s3.disability_category, s3.disability_grade, s3.regions) == (7, 2, ("城厢镇", "沙溪镇"))
    assert read_labels(LABELS_CSV) == {"S1": {"J1": 2, "J2": 1}, "S2": {"J3": 0}}


def test_read_from_path(tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text("\ufeff" + JOBS_CSV, encoding="utf-8")
    assert [j.id for j in read_jobs(path)] == ["J1", "J2", "J3"]
    assert [j.id for j in read_jobs(str(path))] == ["J1", "J2", "J3"]


@pytest.mark.parametrize(
    ("reader", "text", "message"),
    [
        (read_jobs, "id,title,hours\nJ1,x,三班\n", "hours"),
        (read_jobs, "id,title,pay_min\nJ1,x,abc\n", "amount"),
        (read_seekers, "id,disability_category\nS1,9\n", "disability_category"),
        (read_labels, "seeker_id,job_id,grade\nS1,J1,3\n", "grade"),
        (read_jobs, "id,title\n,x\n", "id"),
    ],
)
def test_bad_values_name_the_line(reader, text, message):
    with pytest.raises(CsvError, match=f"line 2.*{message}|{message}"):
        reader(text)


def test_the_committed_labelled_data_set_reads():
    # Committed with the project: missing files fail here, they never skip.
    data = Path(REPO / "tests" / "data" / "matching")
    jobs = read_jobs(data / "jobs.csv")
    seekers = read_seekers(data / "seekers.csv")
    labels = read_labels(data / "labels.csv")
    ids = {j.id for j in jobs}
    assert jobs and seekers and labels
    assert all(job_id in ids for grades in labels.values() for job_id in grades)
