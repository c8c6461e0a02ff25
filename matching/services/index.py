"""The matcher's index lifecycle: build, persist (versioned), load, update incrementally.

Every process (web or worker) keeps one in-memory state — a JobMatcher over the open postings
and a CandidateMatcher over the profiles that may be shown to employers — and the version it
reflects (the highest IndexVersion id applied). The CandidateMatcher holds no disability
information at all (``docs.candidate_doc``), so consents never change it. IndexVersion rows are
the log:

* a change to postings or profiles writes a *delta* row in the same transaction (an outbox:
  the change and its log entry commit or roll back together) and, after commit, the writing
  process applies it at once;
* other processes look for newer rows at most every MATCHING_INDEX_CHECK_SECONDS (one small
  query) and re-read the postings/profiles a delta names, so they follow without a restart;
* a full rebuild (command, Celery task) stores a *snapshot* file; a process starting up, or
  seeing a newer snapshot, loads it and re-reads only what the file does not already hold.

Row ids can commit out of order on PostgreSQL (a transaction that took id 10 may commit after
one that took 11), so ids skipped on the way up are re-asked for until GAP_SECONDS pass.
"""

import hashlib
import io
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q

from ..choices import IndexEntryKind, PostingStatus
from ..core.occupations import OccupationCoder
from ..core.recommend import CandidateMatcher, JobMatcher
from ..core.scoring import Weights
from ..docs import RegionLabels, candidate_docs, posting_docs
from ..models import IndexVersion, JobPosting, SeekerProfile
from ..reference import fit_rules_current, occupations_for_coder

log = logging.getLogger(__name__)

GAP_SECONDS = 300
KEEP_SNAPSHOTS = 3


@dataclass
class MatcherState:
    """One process's matcher and how far it has read the log."""

    jobs: JobMatcher
    seekers: CandidateMatcher
    version: int
    gaps: dict[int, float] = field(default_factory=dict)
    checked_at: float = 0.0
    snapshot_id: int | None = None


_lock = threading.RLock()
_state: MatcherState | None = None


def _check_seconds() -> float:
    return float(getattr(settings, "MATCHING_INDEX_CHECK_SECONDS", 5))


def _snapshot_every() -> int:
    return int(getattr(settings, "MATCHING_INDEX_SNAPSHOT_EVERY", 500))


def _index_dir() -> Path:
    return Path(settings.MATCHING_INDEX_DIR)


def matcher_kwargs() -> dict:
    """Configuration shared by both matchers: the fit table, the classification, the weights."""
    occupations = occupations_for_coder()
    weights = getattr(settings, "MATCHING_WEIGHTS", None)
    return {
        "rules": fit_rules_current(),
        "occupations": OccupationCoder(occupations) if occupations else None,
        "weights": Weights.from_mapping(weights) if weights else None,
    }


def live_postings():
    """Postings the seeker-side index holds: every open one (dates are checked per query)."""
    return JobPosting.objects.filter(status=PostingStatus.OPEN).order_by("id")


def live_profiles():
    """Profiles the employer-side index holds: those whose owner allows being suggested and
    that say something (an empty profile made by a first application is noise)."""
    return (
        SeekerProfile.objects.filter(visible_to_employers=True)
        .exclude(desired="", skills=[])
        .select_related("person")
        .order_by("id")
    )


def _latest_id() -> int:
    return IndexVersion.objects.aggregate(m=Max("id"))["m"] or 0


def _build(
    job_blob: bytes | None = None, seeker_blob: bytes | None = None
) -> tuple[JobMatcher, CandidateMatcher]:
    kwargs = matcher_kwargs()
    regions = RegionLabels()
    jobs = JobMatcher.from_bytes(job_blob, posting_docs(live_postings(), regions), **kwargs)
    # Share the (expensive) coder and analyzer configuration between the two directions.
    seekers = CandidateMatcher.from_bytes(seeker_blob, candidate_docs(live_profiles(), regions), **kwargs)
    return jobs, seekers


# ------------------------------------------------------------------ snapshots


def _write_snapshot_file(jobs: JobMatcher, seekers: CandidateMatcher) -> tuple[str, str]:
    buf = io.BytesIO()
    np.savez(
        buf,
        jobs=np.frombuffer(jobs.to_bytes(), dtype=np.uint8),
        seekers=np.frombuffer(seekers.to_bytes(), dtype=np.uint8),
    )
    data = buf.getvalue()
    directory = _index_dir()
    directory.mkdir(parents=True, exist_ok=True)
    name = f"snapshot-{uuid.uuid4().hex}.npz"
    tmp = directory / f".{name}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, directory / name)  # atomic: readers never see a half-written file
    return name, hashlib.sha256(data).hexdigest()


def _read_snapshot_file(row: IndexVersion) -> tuple[bytes, bytes] | None:
    path = _index_dir() / row.file_name
    try:
        data = path.read_bytes()
    except OSError:
        log.warning("matching index snapshot %s is missing; building from the database", path)
        return None
    if hashlib.sha256(data).hexdigest() != row.sha256:
        log.warning("matching index snapshot %s is corrupt; building from the database", path)
        return None
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        return z["jobs"].tobytes(), z["seekers"].tobytes()


def _prune(latest: IndexVersion) -> None:
    """Keep the newest snapshots; drop deltas the newest snapshot already covers."""
    old = list(IndexVersion.objects.filter(kind=IndexEntryKind.SNAPSHOT).order_by("-id")[KEEP_SNAPSHOTS:])
    for row in old:
        (_index_dir() / row.file_name).unlink(missing_ok=True)
    IndexVersion.objects.filter(pk__in=[r.pk for r in old]).delete()
    IndexVersion.objects.filter(kind=IndexEntryKind.DELTA, pk__lte=latest.covers_upto).delete()


def index_rebuild(*, reuse: bool = False) -> IndexVersion:
    """Build the whole index from the database and store it as a new snapshot version.

    ``reuse=True`` starts from the newest snapshot and re-processes only postings and profiles
    whose content changed (compaction); ``reuse=False`` is a from-scratch rebuild. Idempotent.
    """
    covers = _latest_id()  # read before the data: every change up to here is in what we read
    blobs = (None, None)
    if reuse:
        previous = IndexVersion.objects.filter(kind=IndexEntryKind.SNAPSHOT).order_by("-id").first()
        blobs = (_read_snapshot_file(previous) if previous else None) or (None, None)
    jobs, seekers = _build(*blobs)
    file_name, sha = _write_snapshot_file(jobs, seekers)
    row = IndexVersion.objects.create(
        kind=IndexEntryKind.SNAPSHOT,
        covers_upto=covers,
        file_name=file_name,
        sha256=sha,
        jobs=len(jobs),
        seekers=len(seekers),
    )
    _prune(row)
    global _state
    with _lock:
        # This process now holds exactly the snapshot; later deltas are replayed from covers.
        _state = MatcherState(jobs=jobs, seekers=seekers, version=covers, snapshot_id=row.pk)
        _catch_up(_state, force=True)
    return row


# ------------------------------------------------------------------ deltas


def index_record_change(*, job_ids=(), seeker_ids=()) -> IndexVersion | None:
    """Log that these postings/profiles changed (call inside the writing transaction).

    After commit the writing process applies the change at once; others follow within
    MATCHING_INDEX_CHECK_SECONDS. When many deltas pile up a compaction is queued.
    """
    job_ids = sorted({int(i) for i in job_ids})
    seeker_ids = sorted({int(i) for i in seeker_ids})
    if not job_ids and not seeker_ids:
        return None
    row = IndexVersion.objects.create(kind=IndexEntryKind.DELTA, job_ids=job_ids, seeker_ids=seeker_ids)
    pending = transaction.get_connection().run_on_commit
    if not any(func is index_refresh for _, func, _ in pending):  # once per transaction is enough
        transaction.on_commit(index_refresh)
    last_snapshot = (
        IndexVersion.objects.filter(kind=IndexEntryKind.SNAPSHOT).aggregate(m=Max("covers_upto"))["m"] or 0
    )
    if (
        IndexVersion.objects.filter(kind=IndexEntryKind.DELTA, pk__gt=last_snapshot).count()
        >= _snapshot_every()
    ):
        from ..tasks import compact_index

        transaction.on_commit(compact_index.delay)
    return row


def _apply(state: MatcherState, job_ids: set[int], seeker_ids: set[int]) -> None:
    """Re-read the named rows and upsert or remove them: the result equals a rebuild."""
    regions = RegionLabels()
    if job_ids:
        postings = list(live_postings().filter(pk__in=job_ids))
        state.jobs.upsert_jobs(posting_docs(postings, regions))
        for missing in job_ids - {p.pk for p in postings}:
            state.jobs.remove_job(str(missing))
    if seeker_ids:
        profiles = list(live_profiles().filter(pk__in=seeker_ids))
        state.seekers.upsert_seekers(candidate_docs(profiles, regions))
        for missing in seeker_ids - {p.pk for p in profiles}:
            state.seekers.remove_seeker(str(missing))


def _catch_up(state: MatcherState, *, force: bool = False) -> MatcherState:
    """Apply every log entry newer than the state (and late-committed gaps)."""
    global _state
    now = time.monotonic()
    if not force and now - state.checked_at < _check_seconds():
        return state
    state.checked_at = now
    latest = _latest_id()
    if latest < state.version:  # the log was reset (a restored or emptied database)
        _state = _load()
        return _state
    if latest == state.version and not state.gaps:
        return state
    rows = list(
        IndexVersion.objects.filter(Q(pk__gt=state.version) | Q(pk__in=list(state.gaps)))
        .order_by("pk")
        .values("pk", "kind", "job_ids", "seeker_ids")
    )
    snapshots = [r for r in rows if r["kind"] == IndexEntryKind.SNAPSHOT and r["pk"] > state.version]
    if snapshots and snapshots[-1]["pk"] != state.snapshot_id:
        # A rebuild happened (perhaps with new rules or occupations): take it over whole.
        _state = _load()
        return _state
    job_ids: set[int] = set()
    seeker_ids: set[int] = set()
    for r in rows:
        state.gaps.pop(r["pk"], None)
        job_ids.update(r["job_ids"])
        seeker_ids.update(r["seeker_ids"])
    seen = {r["pk"] for r in rows}
    top = max(seen | {state.version})
    for missing in range(state.version + 1, top):
        if missing not in seen:
            state.gaps[missing] = now
    state.gaps = {k: t for k, t in state.gaps.items() if now - t < GAP_SECONDS}
    state.version = top
    _apply(state, job_ids, seeker_ids)
    return state


def _load() -> MatcherState:
    """The newest snapshot (re-reading only what changed since), or a build from the database."""
    covers = _latest_id()
    latest_snapshot = (
        IndexVersion.objects.filter(kind=IndexEntryKind.SNAPSHOT, pk__lte=covers).order_by("-id").first()
    )
    blobs = _read_snapshot_file(latest_snapshot) if latest_snapshot else None
    jobs, seekers = _build(*(blobs or (None, None)))
    state = MatcherState(
        jobs=jobs,
        seekers=seekers,
        version=covers,
        snapshot_id=latest_snapshot.pk if latest_snapshot else None,
        checked_at=time.monotonic(),
    )
    return state


def matcher_state() -> MatcherState:
    """This process's matcher, brought up to date (lazily loaded on first use)."""
    global _state
    with _lock:
        if _state is None:
            _state = _load()
        return _catch_up(_state)


def index_refresh() -> None:
    """Apply pending log entries now (after this process committed a change)."""
    with _lock:
        if _state is not None:
            _catch_up(_state, force=True)


def index_reset_process_state() -> None:
    """Forget this process's matcher (tests; a worker after a fork)."""
    global _state
    with _lock:
        _state = None


def state_lock() -> threading.RLock:
    """Held while querying: the matchers materialise lazily and are not thread-safe."""
    return _lock
