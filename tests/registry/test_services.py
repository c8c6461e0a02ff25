"""The import services: whole-file validation, upserts, idempotence, history (registry.services)."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from backend.accounts.services import certificate_index, resident_id_index
from registry.choices import CertificateStatus, ImportKind
from registry.models import CertificateRecord, DataImport, InsuranceRecord
from registry.services import (
    ImportRefused,
    certificates_import,
    insurance_import,
    registry_import_check,
)

from .helpers import (
    CERTIFICATE_HEADER,
    INSURANCE_HEADER,
    a_certificate,
    a_credit_code,
    a_resident_id,
    certificate_line,
    csv_file,
    insurance_line,
    xlsx_file,
)

pytestmark = pytest.mark.django_db


def history_count() -> int:
    return CertificateRecord.history.count()


def test_certificates_are_created_encrypted_and_indexed_like_person(tmp_path, make):
    person = make.make_person(category=4, grade=2, verified=False)  # not in the registry yet
    number = person.decrypt("certificate")
    path = csv_file(tmp_path, CERTIFICATE_HEADER, [f"{number},李四,有效,4,2,2020-01-01,,"])
    result = certificates_import(path_or_file=path, source="", by=None)
    record = CertificateRecord.objects.get()
    assert record.certificate_bidx == person.certificate_bidx == certificate_index("disability", number)
    assert number not in record.certificate_enc
    assert record.decrypt("certificate") == number
    assert json.loads(record.decrypt("disability")) == {"category": 4, "grade": 2}
    assert (record.name, record.status, record.issued_on) == ("李四", "valid", date(2020, 1, 1))
    assert (result.kind, result.source, result.created_by) == (ImportKind.CERTIFICATES, "data.csv", None)
    assert (result.rows, result.created, result.updated, result.unchanged) == (1, 1, 0, 0)
    assert len(result.sha256) == 64
    assert result.rechecked_reports == 0


def test_an_invalid_row_writes_nothing(tmp_path):
    lines = [certificate_line(1), certificate_line(2), certificate_line(3, status="作废")]
    path = csv_file(tmp_path, CERTIFICATE_HEADER, lines)
    with pytest.raises(ImportRefused) as refused:
        certificates_import(path_or_file=path, by=None)
    assert [e.message for e in refused.value.row_errors] == [
        "第 4 行 status 列：“作废”不是证件状态，应为 有效、注销、死亡、迁出、过期 之一"
    ]
    assert refused.value.rows == 3
    assert not CertificateRecord.objects.exists()
    assert not DataImport.objects.exists()


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = csv_file(tmp_path, CERTIFICATE_HEADER, [certificate_line(i) for i in range(1, 4)])
    first = certificates_import(path_or_file=path, by=None)
    before = history_count()
    second = certificates_import(path_or_file=path, by=None)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert history_count() == before == 3
    assert first.sha256 == second.sha256
    assert DataImport.objects.count() == 2


def test_a_status_change_updates_the_record_and_its_history(tmp_path):
    certificates_import(path_or_file=csv_file(tmp_path, CERTIFICATE_HEADER, [certificate_line(1)]), by=None)
    changed = csv_file(
        tmp_path, CERTIFICATE_HEADER, [certificate_line(1, status="注销", changed="2025-06-30")], name="b.csv"
    )
    result = certificates_import(path_or_file=changed, by=None)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    record = CertificateRecord.objects.get()
    assert record.status == CertificateStatus.CANCELLED
    assert record.status_changed_on == date(2025, 6, 30)
    assert record.source == result
    statuses = list(record.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == ["valid", "cancelled"]


def test_the_same_certificate_twice_in_one_file_is_an_error(tmp_path):
    path = csv_file(
        tmp_path, CERTIFICATE_HEADER, [certificate_line(1), certificate_line(2), certificate_line(1)]
    )
    with pytest.raises(ImportRefused) as refused:
        certificates_import(path_or_file=path, by=None)
    assert [e.message for e in refused.value.row_errors] == [
        "第 4 行 certificate_no 列：与第 2 行重复（同一记录只能出现一次）"
    ]


def test_certificates_from_xlsx_with_date_cells(tmp_path):
    rows = [[a_certificate(1), "王五", "有效", 4, 2, date(2020, 1, 1), date(2030, 1, 1), None]]
    result = certificates_import(path_or_file=xlsx_file(tmp_path, CERTIFICATE_HEADER, rows), by=None)
    assert result.created == 1
    assert CertificateRecord.objects.get().valid_until == date(2030, 1, 1)


def test_a_missing_column_refuses_the_file(tmp_path):
    path = csv_file(tmp_path, "certificate_no,name", [f"{a_certificate(1)},张三"])
    with pytest.raises(ImportRefused) as refused:
        certificates_import(path_or_file=path, by=None)
    assert "表头缺少列：status" in refused.value.row_errors[0].message


def test_errors_stop_at_fifty_but_rows_are_all_counted(tmp_path):
    path = csv_file(tmp_path, CERTIFICATE_HEADER, [certificate_line(i, status="x") for i in range(1, 81)])
    with pytest.raises(ImportRefused) as refused:
        certificates_import(path_or_file=path, by=None)
    assert len(refused.value.row_errors) == 50
    assert refused.value.rows == 80


def test_gbk_csv_is_read(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes(("\n".join([CERTIFICATE_HEADER, certificate_line(1)]) + "\n").encode("gbk"))
    assert certificates_import(path_or_file=path, by=None).created == 1
    assert CertificateRecord.objects.get().name == "张三"


# --- insurance ---


def test_insurance_rows_are_created_with_the_person_blind_index(tmp_path):
    path = csv_file(tmp_path, INSURANCE_HEADER, [insurance_line(1, types="工伤｜养老", base='"6,000"')])
    result = insurance_import(path_or_file=path, by=None)
    record = InsuranceRecord.objects.get()
    assert record.resident_bidx == resident_id_index(a_resident_id(1))
    assert (record.credit_code, record.year, record.month) == (a_credit_code(1), 2025, 3)
    assert (record.types, record.base) == ("养老|工伤", Decimal("6000.00"))
    assert (result.kind, result.rows, result.created) == (ImportKind.INSURANCE, 1, 1)


def test_insurance_reimport_is_idempotent_and_changes_are_updates(tmp_path):
    lines = [insurance_line(p, month=f"2025-{m:02d}") for p in range(1, 4) for m in range(1, 13)]
    path = csv_file(tmp_path, INSURANCE_HEADER, lines)
    first = insurance_import(path_or_file=path, by=None)
    second = insurance_import(path_or_file=path, by=None)
    assert (first.created, first.updated, first.unchanged) == (36, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 36)
    lines[0] = insurance_line(1, month="2025-01", base="7000")
    lines.append(insurance_line(4, month="2025-01"))
    third = insurance_import(path_or_file=csv_file(tmp_path, INSURANCE_HEADER, lines, name="c.csv"), by=None)
    assert (third.created, third.updated, third.unchanged) == (1, 1, 35)
    assert InsuranceRecord.objects.count() == 37
    assert InsuranceRecord.objects.get(base=Decimal("7000")).source == third


def test_insurance_batches_span_the_file(tmp_path, monkeypatch):
    from registry.services import imports

    monkeypatch.setitem(
        imports._KINDS,
        ImportKind.INSURANCE,
        imports._KINDS[ImportKind.INSURANCE].__class__(
            **{**imports._KINDS[ImportKind.INSURANCE].__dict__, "batch": 7}
        ),
    )
    lines = [insurance_line(p, code=p % 3, month=f"2024-{m:02d}") for p in range(1, 6) for m in range(1, 13)]
    path = csv_file(tmp_path, INSURANCE_HEADER, lines)
    assert insurance_import(path_or_file=path, by=None).created == 60
    assert insurance_import(path_or_file=path, by=None).unchanged == 60


def test_the_same_insurance_month_twice_is_an_error(tmp_path):
    lines = [insurance_line(1), insurance_line(2), insurance_line(1, base="5000")]
    with pytest.raises(ImportRefused) as refused:
        insurance_import(path_or_file=csv_file(tmp_path, INSURANCE_HEADER, lines), by=None)
    assert refused.value.row_errors[0].row == 4
    assert "与第 2 行重复" in refused.value.row_errors[0].reason
    assert not InsuranceRecord.objects.exists()


def test_insurance_errors_name_row_and_column(tmp_path):
    lines = [insurance_line(1), insurance_line(2, month="2025-13"), insurance_line(3, types="养老|公积金")]
    with pytest.raises(ImportRefused) as refused:
        insurance_import(path_or_file=csv_file(tmp_path, INSURANCE_HEADER, lines), by=None)
    assert [(e.row, e.column) for e in refused.value.row_errors] == [(3, "month"), (4, "insurance_types")]
    assert not InsuranceRecord.objects.exists()


def test_insurance_from_xlsx(tmp_path):
    rows = [[a_credit_code(1), a_resident_id(1), "2025-04", "养老、医疗", 5800.5]]
    result = insurance_import(path_or_file=xlsx_file(tmp_path, INSURANCE_HEADER, rows), by=None)
    assert result.created == 1
    assert InsuranceRecord.objects.get().base == Decimal("5800.50")


def test_a_blank_file_and_a_non_table_are_refused(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ImportRefused):
        insurance_import(path_or_file=empty, by=None)
    header_only = csv_file(tmp_path, INSURANCE_HEADER, [], name="h.csv")
    with pytest.raises(ImportRefused) as refused:
        insurance_import(path_or_file=header_only, by=None)
    assert "没有数据行" in refused.value.row_errors[0].reason


# --- dry run, who ---


def test_a_dry_run_counts_exactly_and_writes_nothing(tmp_path, make):
    path = csv_file(tmp_path, INSURANCE_HEADER, [insurance_line(1), insurance_line(2)])
    insurance_import(
        path_or_file=csv_file(tmp_path, INSURANCE_HEADER, [insurance_line(1)], name="a.csv"), by=None
    )
    check = registry_import_check(kind=ImportKind.INSURANCE, path_or_file=path, by=make.make_auditor())
    assert check.ok
    assert check.counts() == {"rows": 2, "created": 1, "updated": 0, "unchanged": 1}
    assert check.sample[0]["resident_id"] == a_resident_id(1)[:4] + "*" * 10 + a_resident_id(1)[-4:]
    assert InsuranceRecord.objects.count() == 1
    assert DataImport.objects.count() == 1


def test_the_preview_sample_hides_category_and_grade(tmp_path, make):
    path = csv_file(tmp_path, CERTIFICATE_HEADER, [certificate_line(1)])
    check = registry_import_check(kind=ImportKind.CERTIFICATES, path_or_file=path, by=make.make_admin())
    sample = check.sample[0]
    assert sample["certificate_no"].endswith("**")
    assert "category" not in sample and "grade" not in sample
    assert sample["name"] == "张*"


@pytest.mark.parametrize("who", ["make_seeker", "make_employer_user"])
def test_only_auditors_and_administrators_import(tmp_path, make, who):
    path = csv_file(tmp_path, INSURANCE_HEADER, [insurance_line(1)])
    with pytest.raises(PermissionDenied):
        insurance_import(path_or_file=path, by=getattr(make, who)())


def test_an_auditor_of_any_kind_imports_and_is_recorded(tmp_path, make):
    auditor = make.make_auditor(kind="tax")
    path = csv_file(tmp_path, INSURANCE_HEADER, [insurance_line(1)])
    assert insurance_import(path_or_file=path, by=auditor).created_by == auditor


def test_the_recheck_hook_result_is_stored(tmp_path, monkeypatch):
    from registry.services import imports

    seen = []
    monkeypatch.setattr(
        imports, "rosters_recheck_after_import", lambda data_import: seen.append(data_import) or 4
    )
    result = insurance_import(path_or_file=csv_file(tmp_path, INSURANCE_HEADER, [insurance_line(1)]), by=None)
    assert seen == [result]
    assert DataImport.objects.get().rechecked_reports == 4


def test_an_old_xls_or_a_damaged_xlsx_is_refused_as_a_whole(tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    for path in (old, damaged):
        with pytest.raises(ImportRefused) as refused:
            insurance_import(path_or_file=path, by=None)
        assert refused.value.row_errors[0].row == 0
    assert not DataImport.objects.exists()


def test_an_uploaded_file_object_is_read_twice_and_left_open(make):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .helpers import csv_bytes

    upload = SimpleUploadedFile("a.csv", csv_bytes(INSURANCE_HEADER, [insurance_line(1)]))
    result = insurance_import(path_or_file=upload, source="a.csv", by=make.make_auditor())
    assert (result.source, result.created) == ("a.csv", 1)
    assert not upload.closed


def test_a_file_changed_between_check_and_write_rolls_back(tmp_path, monkeypatch):
    from registry.services import imports

    path = csv_file(tmp_path, INSURANCE_HEADER, [insurance_line(1), insurance_line(2)])
    check = imports._check

    def check_then_spoil(*args):
        result = check(*args)
        path.write_text("\n".join([INSURANCE_HEADER, insurance_line(1), "x,y,z,w,v"]) + "\n")
        return result

    monkeypatch.setattr(imports, "_check", check_then_spoil)
    monkeypatch.setitem(
        imports._KINDS,
        ImportKind.INSURANCE,
        imports._KINDS[ImportKind.INSURANCE].__class__(
            **{**imports._KINDS[ImportKind.INSURANCE].__dict__, "batch": 1}
        ),
    )
    with pytest.raises(ImportRefused, match="被改动"):
        insurance_import(path_or_file=path, by=None)
    assert not InsuranceRecord.objects.exists()
    assert not DataImport.objects.exists()
