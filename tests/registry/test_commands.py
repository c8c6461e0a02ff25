"""manage.py import_certificates / import_insurance: thin wrappers over the services."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from registry.models import CertificateRecord, DataImport, InsuranceRecord

from .helpers import CERTIFICATE_HEADER, INSURANCE_HEADER, certificate_line, csv_file, insurance_line

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_import_certificates_prints_the_counts(tmp_path):
    out = io.StringIO()
    call_command(
        "import_certificates", str(csv_file(tmp_path, CERTIFICATE_HEADER, [certificate_line(1)])), stdout=out
    )
    assert "共 1 行，新增 1，更新 0，未变 0" in out.getvalue()
    assert CertificateRecord.objects.count() == 1
    assert DataImport.objects.get().created_by is None


def test_import_insurance_refuses_an_invalid_file_with_every_error(tmp_path):
    err = io.StringIO()
    path = csv_file(tmp_path, INSURANCE_HEADER, [insurance_line(1), insurance_line(2, month="2025-13")])
    with pytest.raises(CommandError, match="未导入任何内容"):
        call_command("import_insurance", str(path), stderr=err)
    assert "第 3 行 month 列：" in err.getvalue()
    assert not InsuranceRecord.objects.exists()


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import_insurance", str(tmp_path / "none.csv"))


def test_the_command_exits_non_zero_on_an_invalid_file(tmp_path):
    path = csv_file(tmp_path, INSURANCE_HEADER, ["x,y,z,w,v"])
    done = subprocess.run(
        [sys.executable, "manage.py", "import_insurance", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        check=False,
    )
    assert done.returncode == 1
    assert "第 2 行 credit_code 列：" in done.stderr
