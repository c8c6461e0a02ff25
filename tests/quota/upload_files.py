"""Build hostile roster files (xlsx parts rewritten with zipfile, CSV bytes) and raw multipart
bodies for the upload-limit tests.  Everything is small: limits are scaled down where the real
limit would need a big file."""

import re
import zipfile
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from quota.services import workbook_bytes
from quota.services.xlsx_template import HEADERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx_bytes(rows=(), headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    return workbook_bytes(workbook)


def upload(data: bytes, name: str = "roster.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


def part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(BytesIO(data)).read(name)


def rezip(data: bytes, replace: dict | None = None, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """The same archive with some entries replaced or added (``replace``: name → bytes)."""
    replace = dict(replace or {})
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.pop(info.filename, None) or source.read(info))
        for name, content in replace.items():
            target.writestr(name, content)
    return out.getvalue()


def with_sheet_rows(data: bytes, rows_xml: bytes, *, dimension: str | None = None) -> bytes:
    """Append raw ``<row>`` XML to the first sheet (and optionally claim a dimension)."""
    sheet = part(data, SHEET).replace(b"</sheetData>", rows_xml + b"</sheetData>")
    if dimension:
        sheet = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), sheet)
    return rezip(data, {SHEET: sheet})


def with_shared_strings(data: bytes, count: int) -> bytes:
    """Add a sharedStrings part with ``count`` entries, wired up so that openpyxl loads it."""
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" count="{count}" uniqueCount="{count}">'
    ).encode()
    strings += b"".join(b"<si><t>%d</t></si>" % i for i in range(count)) + b"</sst>"
    types = part(data, "[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = part(data, "xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSST" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    return rezip(
        data,
        {"xl/sharedStrings.xml": strings, "[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels},
    )


def with_doctype(data: bytes, name: str = SHEET, *, declaration: bytes | None = None) -> bytes:
    """Put a DOCTYPE in front of the root element of ``name`` (an internal entity by default)."""
    declaration = declaration or b'<!DOCTYPE x [<!ENTITY e "entity">]>'
    xml = part(data, name)
    at = xml.index(b"<", xml.index(b"?>") + 2) if xml.startswith(b"<?xml") else 0
    return rezip(data, {name: xml[:at] + declaration + xml[at:]})


def csv_bytes(rows, headers=HEADERS, *, encoding: str = "utf-8-sig") -> bytes:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


class SpyStream:
    """A wsgi.input that counts what the server read from it."""

    def __init__(self, data: bytes):
        self._buffer = BytesIO(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = self._buffer.read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        chunk = self._buffer.readline(size)
        self.bytes_read += len(chunk)
        return chunk


BOUNDARY = "----rosterlimits"


def multipart(fields: dict[str, str], file_bytes: bytes, *, filename: str = "roster.xlsx") -> bytes:
    """A multipart/form-data body: the plain fields first (as a browser sends a form whose CSRF
    token comes first), then the file."""
    out = BytesIO()
    for name, value in fields.items():
        out.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    out.write(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: {XLSX}\r\n\r\n".encode()
    )
    out.write(file_bytes)
    out.write(f"\r\n--{BOUNDARY}--\r\n".encode())
    return out.getvalue()


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
