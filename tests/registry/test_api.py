"""/api/v1/registry/imports/: upload (dry run and real), history, who may use it, the schema."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.generators import SchemaGenerator

from registry.models import DataImport, InsuranceRecord

from ..conftest import client_for
from .helpers import CERTIFICATE_HEADER, INSURANCE_HEADER, certificate_line, csv_bytes, insurance_line

pytestmark = pytest.mark.django_db
URL = "/api/v1/registry/imports/"


def upload(client, lines, *, kind="insurance", header=INSURANCE_HEADER, **extra):
    file = SimpleUploadedFile("社保.csv", csv_bytes(header, lines), content_type="text/csv")
    return client.post(URL, {"file": file, "kind": kind, **extra}, format="multipart")


def test_a_dry_run_previews_counts_and_masked_rows_and_saves_nothing(make):
    response = upload(client_for(make.make_auditor()), [insurance_line(1), insurance_line(2)], dry_run="true")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body | {"sample": None} == {
        "dry_run": True,
        "kind": "insurance",
        "source": "社保.csv",
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "sample": None,
    }
    assert "*" in body["sample"][0]["resident_id"]
    assert not InsuranceRecord.objects.exists() and not DataImport.objects.exists()


def test_an_import_answers_201_and_is_in_the_history(make):
    auditor = make.make_auditor()
    client = client_for(auditor)
    response = upload(client, [insurance_line(1)])
    assert response.status_code == 201, response.json()
    assert response.json()["created"] == 1
    assert response.json()["created_by"] == auditor.username
    again = upload(client, [insurance_line(1)]).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 1)
    history = client.get(URL, {"kind": "insurance"}).json()
    assert [item["id"] for item in history["results"]] == [again["id"], response.json()["id"]]
    assert client.get(URL, {"kind": "certificates"}).json()["results"] == []


def test_an_invalid_file_answers_400_naming_row_and_column(make):
    client = client_for(make.make_admin())
    response = upload(
        client,
        [certificate_line(1), certificate_line(2, status="作废")],
        kind="certificates",
        header=CERTIFICATE_HEADER,
    )
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["file"] == [
        "第 3 行 status 列：“作废”不是证件状态，应为 有效、注销、死亡、迁出、过期 之一"
    ]
    assert body["rows"][0]["row"] == 3
    assert not DataImport.objects.exists()


def test_the_kind_is_required(make):
    client = client_for(make.make_auditor())
    file = SimpleUploadedFile("a.csv", csv_bytes(INSURANCE_HEADER, [insurance_line(1)]))
    response = client.post(URL, {"file": file}, format="multipart")
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]


@pytest.mark.parametrize("who", ["make_seeker", "make_employer_user"])
def test_seekers_and_employers_are_refused(make, who):
    client = client_for(getattr(make, who)())
    assert upload(client, [insurance_line(1)]).status_code == 403
    assert client.get(URL).status_code == 403
    assert not InsuranceRecord.objects.exists()


def test_signed_out_is_refused(api):
    assert api.get(URL).status_code in (401, 403)


def test_every_auditor_kind_reads_the_history(make):
    upload(client_for(make.make_auditor()), [insurance_line(1)])
    for kind in ("dpf", "hrss", "tax"):
        assert len(client_for(make.make_auditor(kind=kind)).get(URL).json()["results"]) == 1


def test_the_upload_and_history_are_in_the_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = schema["paths"]["/api/v1/registry/imports/"]
    assert {"get", "post"} <= set(operations)
    assert {"200", "201", "400", "403", "413"} <= set(operations["post"]["responses"])
    names = {p["name"] for p in operations["get"]["parameters"]}
    assert {"kind", "created_from", "created_to", "source"} <= names


def test_uploads_are_throttled(make, monkeypatch):
    from backend.accounts.signin.throttles import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"registry_import": "1/hour"})
    client = client_for(make.make_auditor())
    assert upload(client, [insurance_line(1)], dry_run="true").status_code == 200
    assert upload(client, [insurance_line(1)], dry_run="true").status_code == 429
    assert client.get(URL).status_code == 200  # reading the history is not an upload
