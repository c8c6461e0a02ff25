"""The index follows changes incrementally, a full rebuild gives the same ranking, and a stored
version survives a restart and is picked up by other processes without one."""

import pytest

from backend.accounts.choices import ConsentScope
from backend.accounts.services import consent_withdraw
from matching.choices import IndexEntryKind
from matching.models import IndexVersion
from matching.selectors import match_candidates_for_posting, match_jobs_for_seeker
from matching.services import index as index_service
from matching.services import index_rebuild, posting_close, posting_update, profile_update

from .factories import LIUHE, make_employer_user, make_person, make_posting, make_profile, make_seeker_user

pytestmark = pytest.mark.django_db


def ranking(user, k=10):
    return [(m.posting.pk, round(m.score, 9)) for m in match_jobs_for_seeker(user=user, k=k)]


@pytest.fixture
def market():
    hr = make_employer_user()
    postings = [
        make_posting(
            user=hr, title="包装工", description="产品装袋、贴标，坐姿作业。", skills=["包装", "贴标"]
        ),
        make_posting(
            user=hr,
            title="在线客服",
            description="千牛后台文字回复，不用接电话。",
            skills=["在线客服", "打字"],
        ),
        make_posting(
            user=hr, title="仓库管理员", description="出入库登记，WMS录入。", skills=["仓库管理", "Excel"]
        ),
        make_posting(user=hr, title="食品包装工", description="糕点装袋封口，长白班。", skills=["包装"]),
        make_posting(user=hr, title="数据标注员", description="给图片画框打标签。", skills=["数据标注"]),
    ]
    seeker = make_seeker_user(make_person(4, 3))
    make_profile(seeker.person, desired="包装工 打包", skills=["包装", "贴标"])
    return hr, postings, seeker


def place(ids: list[int], pk: int) -> int:
    """Rank of ``pk`` in a list; one past the end when the list stopped before it (irrelevant)."""
    return ids.index(pk) if pk in ids else len(ids)


def test_editing_a_posting_changes_suggestions_without_a_full_rebuild(market):
    hr, postings, seeker = market
    index_rebuild()
    snapshots = IndexVersion.objects.filter(kind=IndexEntryKind.SNAPSHOT).count()
    before = [pk for pk, _ in ranking(seeker)]
    assert before[0] in (postings[0].pk, postings[3].pk)
    assert place(before, postings[4].pk) > 1

    posting_update(user=hr, posting=postings[4], title="包装工（数据中心）", skills=["包装", "贴标"])

    after = [pk for pk, _ in ranking(seeker)]
    assert place(after, postings[4].pk) < place(before, postings[4].pk)
    assert IndexVersion.objects.filter(kind=IndexEntryKind.SNAPSHOT).count() == snapshots
    assert IndexVersion.objects.filter(kind=IndexEntryKind.DELTA, job_ids=[postings[4].pk]).exists()


def test_full_rebuild_reproduces_the_incremental_ranking(market):
    hr, postings, seeker = market
    index_rebuild()
    posting_update(user=hr, posting=postings[1], description="文字回复买家，也做商品打包。", skills=["包装"])
    posting_close(user=hr, posting=postings[2])
    make_posting(user=hr, title="贴标包装工", description="给产品贴标签、套袋。", skills=["贴标", "包装"])
    incremental = ranking(seeker)

    index_rebuild()

    assert ranking(seeker) == incremental
    assert postings[2].pk not in [pk for pk, _ in incremental]


def test_snapshot_survives_a_restart(market):
    _, _, seeker = market
    row = index_rebuild()
    expected = ranking(seeker)
    index_service.index_reset_process_state()  # a new process

    assert ranking(seeker) == expected
    assert index_service.matcher_state().snapshot_id == row.pk


def test_a_new_process_reads_the_stored_file(market, monkeypatch):
    _, _, seeker = market
    index_rebuild()
    index_service.index_reset_process_state()
    seen = []
    original = index_service._read_snapshot_file
    monkeypatch.setattr(
        index_service, "_read_snapshot_file", lambda row: seen.append(row.pk) or original(row)
    )

    ranking(seeker)

    assert seen == [IndexVersion.objects.filter(kind=IndexEntryKind.SNAPSHOT).latest("id").pk]


def test_other_processes_pick_up_changes_after_the_check_interval(market, settings, monkeypatch):
    hr, postings, seeker = market
    settings.MATCHING_INDEX_CHECK_SECONDS = 30
    clock = [1000.0]
    monkeypatch.setattr(index_service.time, "monotonic", lambda: clock[0])
    index_rebuild()
    ranking(seeker)
    # Another process closes a posting: its delta row is in the database, this process has
    # not been told (no on-commit refresh here).
    monkeypatch.setattr(index_service, "index_refresh", lambda: None)
    posting_close(user=hr, posting=postings[0])
    state = index_service.matcher_state()
    assert str(postings[0].pk) in state.jobs  # within the interval: no query yet

    clock[0] += 31
    state = index_service.matcher_state()

    assert str(postings[0].pk) not in state.jobs


def test_a_version_committed_late_is_not_skipped(market):
    """PostgreSQL hands out ids at insert but rows appear at commit, so id 11 can be visible
    before id 10: the reader remembers 10 as a gap and asks for it again."""
    _, postings, _ = market
    index_rebuild()
    index_service.matcher_state()
    early = IndexVersion.objects.create(kind=IndexEntryKind.DELTA, job_ids=[])
    IndexVersion.objects.create(kind=IndexEntryKind.DELTA, job_ids=[])
    early_id = early.pk
    early.delete()  # not committed yet when the reader looks
    state = index_service.matcher_state()
    assert early_id in state.gaps

    posting = postings[3]
    posting.title = "已改名的岗位"
    posting.save()
    IndexVersion.objects.create(id=early_id, kind=IndexEntryKind.DELTA, job_ids=[posting.pk])  # commits now
    state = index_service.matcher_state()

    assert state.jobs.job(str(posting.pk)).title == "已改名的岗位"
    assert early_id not in state.gaps


def test_the_employer_side_never_uses_the_disability_whatever_the_matching_consent():
    # Changed rule: a candidate list that dropped the blind seeker from a driving job would tell
    # the employer they are blind; the fit rules work on the seeker's side only.
    hr = make_employer_user()
    posting = make_posting(
        user=hr, title="送货司机", description="驾驶货车配送，需要C1驾照。", skills=["驾驶"]
    )
    person = make_person(1, 1)  # blind, with the matching consent
    make_profile(person, desired="送货 配送", skills=["包装"])
    index_rebuild()
    before = match_candidates_for_posting(user=hr, posting=posting)

    consent_withdraw(person=person, scope=ConsentScope.DISABILITY_MATCHING)

    after = match_candidates_for_posting(user=hr, posting=posting)
    assert [c.profile.person_id for c in before] == [c.profile.person_id for c in after] == [person.pk]
    assert before[0].score == after[0].score


def test_profile_changes_reach_the_candidate_side():
    hr = make_employer_user()
    posting = make_posting(user=hr, title="CAD制图员", description="用AutoCAD画零件图。", skills=["CAD"])
    person = make_person(4, 2)
    make_profile(person, desired="保洁", skills=["保洁"], regions=[LIUHE])
    index_rebuild()
    before = match_candidates_for_posting(user=hr, posting=posting)

    profile_update(person=person, desired="CAD制图", skills=["CAD", "看图纸"])

    after = match_candidates_for_posting(user=hr, posting=posting)
    assert after[0].profile.person_id == person.pk
    assert after[0].score > before[0].score
    assert after[0].matched_skills == ("CAD",)


def test_hiding_a_profile_removes_it_from_candidates():
    hr = make_employer_user()
    posting = make_posting(user=hr)
    person = make_person(4, 2)
    make_profile(person)
    assert len(match_candidates_for_posting(user=hr, posting=posting)) == 1

    profile_update(person=person, visible_to_employers=False)

    assert match_candidates_for_posting(user=hr, posting=posting) == []


def test_an_empty_profile_is_not_suggested_to_employers():
    hr = make_employer_user()
    posting = make_posting(user=hr)
    empty, filled = make_person(4, 2), make_person(4, 2)
    make_profile(empty, desired="", skills=[])
    make_profile(filled, desired="", skills=["包装"])

    shown = match_candidates_for_posting(user=hr, posting=posting)

    assert [c.profile.person_id for c in shown] == [filled.pk]


def test_a_new_wish_drops_the_codes_chosen_for_the_old_one():
    # Walkthrough (issue 13): a seeker who changed "盲人按摩" to "客服、数据录入" on the page still
    # got 按摩 postings first, "与您想找的工作相符", from the codes stored with the old wish.
    person = make_person(1, 2)
    make_profile(person, desired="盲人按摩", occupation_codes=["4-10-04-02"])

    profile = profile_update(person=person, desired="客服、数据录入")
    assert profile.occupation_codes == []

    profile = profile_update(person=person, desired="客服、数据录入", occupation_codes=["4-07-02-03"])
    assert profile.occupation_codes == ["4-07-02-03"]
    profile = profile_update(person=person, desired="客服、数据录入", skills=["打字"])
    assert profile.occupation_codes == ["4-07-02-03"]  # the same wish keeps its codes
