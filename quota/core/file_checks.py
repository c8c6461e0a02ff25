"""Safety checks for an uploaded roster file, made before any reader builds it in memory.

An .xlsx file is a zip of XML parts.  A few kilobytes can expand to gigabytes (a zip bomb), list
a million shared strings that a reader keeps in memory, put a million cells in one row, or
declare XML entities that expand without bound or point outside the file (billion laughs, XXE).
``check_xlsx`` reads the zip directory and streams every part once through expat, counting, so a
hostile file is refused after a bounded amount of work.  ``csv_records`` gives a CSV file the
same limits on size, rows and line length.  Every refusal is a ``FileRefused`` whose message is
Chinese and names the limit.

Sources: OWASP ASVS 5.0 V5.2 (accept only files of a size the application can process; check a
compressed file's uncompressed size and number of entries before extracting it) and V1.5
(XML parsers must not process DTDs or external entities); OWASP XML External Entity Prevention
Cheat Sheet.  The numbers are platform limits, not policy, sized for the largest employers: a
roster of 50,000 people filled in the template fits every one of them (measured: 50,000 rows
written by openpyxl with inline strings, the least compact way, make a 2.9 MB file whose sheet
unpacks to 35 MB, with 2.2 million XML elements; a file saved by Excel or WPS keeps its text in
sharedStrings.xml — about two strings per person — and is smaller).
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.parsers import expat

KIB = 1024
MIB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and .xlsx files saved with a password
_CHUNK = 64 * KIB


@dataclass(frozen=True)
class FileLimits:
    """How much one roster file may hold.  The defaults are the production limits.

    One import takes up to 50,000 people (``max_people``) — the largest employers' rosters — in
    at most 60,000 sheet rows, leaving 10,000 blank rows of slack.  The other limits follow from
    that roster with about twice its size as margin: 14 template columns × 50,000 rows = 700,000
    cells (``max_cells`` 1.5 million); an inline-string sheet has three elements per cell, 2.2
    million in all (``max_xml_elements`` 4 million); unique names and certificate numbers are
    about 100,000 shared strings (``max_shared_strings`` 250,000); the sheet unpacks to 35 MB
    (``max_part_bytes`` 64 MB).  The file's own size is settings.ROSTER_UPLOAD_MAX_BYTES.
    """

    max_file_bytes: int = 10 * MIB  # the file as uploaded (settings.ROSTER_UPLOAD_MAX_BYTES)
    max_people: int = 50_000  # filled rows per import
    max_sheet_rows: int = 60_000  # rows read from the sheet, blank ones and the header included
    max_columns: int = 64  # columns read per row (the template has 14)
    max_line_chars: int = 4096  # one CSV line
    max_parts: int = 200  # entries in the zip (the template has 10)
    max_part_bytes: int = 64 * MIB  # one entry, uncompressed
    max_total_bytes: int = 96 * MIB  # all entries, uncompressed
    max_ratio: int = 100  # uncompressed : compressed, for entries larger than ratio_grace_bytes
    ratio_grace_bytes: int = 1 * MIB
    max_shared_strings: int = 250_000  # <si> entries in sharedStrings.xml
    max_cells: int = 1_500_000  # <c> elements in all worksheets together
    max_row_cells: int = 1024  # <c> elements in one row
    max_xml_elements: int = 4_000_000  # elements in all XML parts together


class FileRefused(ValueError):
    """The file is refused as a whole; ``str(error)`` is the Chinese reason shown to the user."""


def size_text(n: int) -> str:
    """5242880 → "5MB", 51200 → "50KB": how the limit is named in messages."""
    if n >= MIB and n % MIB == 0:
        return f"{n // MIB}MB"
    if n >= MIB:
        return f"{n / MIB:.1f}MB"
    if n >= KIB:
        return f"{n // KIB}KB"
    return f"{n}字节"


def too_large_message(limit: int) -> str:
    return f"文件超过{size_text(limit)}，请删除多余的内容或分成几份导入（每份不超过{size_text(limit)}）"


SAVE_AGAIN = "请用 Excel 或 WPS 打开后重新保存为 .xlsx 再上传"
CORRUPT = f"文件已损坏或不是有效的 .xlsx 文件，无法读取。{SAVE_AGAIN}"
OLD_FORMAT = (
    "这是旧版 .xls 文件或设置了打开密码的文件，无法读取。请取消密码，在表格软件中“另存为” .xlsx 后上传"
)


# --- xlsx ---------------------------------------------------------------------------------


def check_xlsx(data: bytes, limits: FileLimits) -> None:
    """Refuse an .xlsx whose zip directory or XML parts exceed ``limits`` or declare a DOCTYPE.

    The sizes come from the zip's central directory, which is what ``zipfile`` trusts: reading an
    entry stops at its declared size (and a CRC check then fails), so a lying entry cannot deliver
    more than it declares.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, limits)
    except FileRefused:
        raise
    except Exception as error:
        # A damaged archive makes zipfile raise almost anything: BadZipFile, a CRC mismatch,
        # ValueError (negative seek), NotImplementedError (version, compression), RuntimeError
        # (encrypted entry), zlib.error, EOFError, struct.error …
        raise FileRefused(CORRUPT) from error


def _check_archive(archive: zipfile.ZipFile, limits: FileLimits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.max_parts:
        raise FileRefused(f"文件包含的部分过多（超过{limits.max_parts}个），不像是名册表格。{SAVE_AGAIN}")
    total = 0
    for info in infos:
        if info.file_size > limits.max_part_bytes:
            raise FileRefused(
                f"文件解压后过大（其中一部分超过{size_text(limits.max_part_bytes)}），不像是名册表格。{SAVE_AGAIN}"
            )
        # Deflate compresses at most about 1000:1; ordinary spreadsheets stay far below 100:1.
        if info.file_size > limits.ratio_grace_bytes and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise FileRefused(
                f"文件的压缩比异常（超过{limits.max_ratio}倍），可能是特意构造的文件，未读取。{SAVE_AGAIN}"
            )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise FileRefused(f"文件解压后超过{size_text(limits.max_total_bytes)}，不像是名册表格。{SAVE_AGAIN}")
    counts = _Counts()
    for info in infos:
        if not info.is_dir():
            _scan_part(archive, info, counts, limits)


@dataclass
class _Counts:
    elements: int = 0
    cells: int = 0
    shared_strings: int = 0


def _refuse_doctype(*_args) -> None:
    raise FileRefused("文件包含不允许的内容（DOCTYPE），请用 Excel 重新保存为 .xlsx 后上传")


def _refuse_entity(*_args) -> None:
    raise FileRefused("文件包含不允许的内容（ENTITY），请用 Excel 重新保存为 .xlsx 后上传")


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, counts: _Counts, limits: FileLimits) -> None:
    """Stream one entry through expat: refuse any DOCTYPE or entity declaration, count elements,
    worksheet cells (in all, and per row) and shared strings.

    openpyxl parses with the same expat (``xml.etree``; lxml and defusedxml are not installed), so
    a declaration it would read is seen here first, whatever the part's name or encoding.  An entry
    that is not XML (an image, printer settings) stops at its first bytes: no XML reader takes
    declarations from it either.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.ordered_attributes = True  # a list per element is cheaper than a dict; names unused
    root = ""
    row_cells = 0

    def start(name: str, _attributes) -> None:
        nonlocal root, row_cells
        counts.elements += 1
        if counts.elements > limits.max_xml_elements:
            raise FileRefused(
                f"文件内容过于复杂（超过{limits.max_xml_elements}个元素），不像是名册表格。{SAVE_AGAIN}"
            )
        local = name.rpartition(" ")[2]
        if not root:
            root = local
        elif root == "worksheet":
            if local == "c":
                counts.cells += 1
                row_cells += 1
                if counts.cells > limits.max_cells:
                    raise FileRefused(
                        f"表格的单元格超过{limits.max_cells}个，超出名册的正常范围。"
                        "请删除多余的工作表和内容，或分成几份导入"
                    )
                if row_cells > limits.max_row_cells:
                    raise FileRefused(
                        f"表格中有一行超过{limits.max_row_cells}个单元格，请删除多余的列后重新上传"
                    )
            elif local == "row":
                row_cells = 0
        elif root == "sst" and local == "si":
            counts.shared_strings += 1
            if counts.shared_strings > limits.max_shared_strings:
                raise FileRefused(
                    f"表格中不同的文字超过{limits.max_shared_strings}条，超出名册的正常范围。"
                    "请删除多余的工作表和内容，或分成几份导入"
                )

    parser.StartElementHandler = start
    with archive.open(info) as stream:
        try:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError:
            return


# --- CSV ----------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """CSV text as saved by Excel or WPS: UTF-8 (with or without BOM) or GBK/GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise FileRefused("无法识别 CSV 文件的编码，请在表格软件中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后上传")


def csv_records(data: bytes, limits: FileLimits) -> Iterator[list[str]]:
    """The records of a CSV file, at most ``max_columns`` fields each.

    Lines are counted and measured before the csv module sees them, so neither a file of blank
    lines nor one endless line (or quoted field) costs more than the limits allow.
    """
    text = decode_text(data)

    def lines() -> Iterator[str]:
        for number, line in enumerate(io.StringIO(text, newline=""), start=1):
            if number > limits.max_sheet_rows:
                raise FileRefused(too_many_rows_message(limits))
            if len(line.rstrip("\r\n")) > limits.max_line_chars:
                raise FileRefused(
                    f"CSV 文件第{number}行超过{limits.max_line_chars}个字符，请检查该行是否有多余的内容"
                )
            yield line

    reader = csv.reader(lines())
    try:
        for record in reader:
            yield record[: limits.max_columns]
    except csv.Error as error:
        raise FileRefused(
            f"CSV 文件第{reader.line_num}行格式有误（引号不成对等），请用表格软件重新保存后上传"
        ) from error


def too_many_people_message(limits: FileLimits) -> str:
    return f"一次最多导入{limits.max_people}人，请删除多余的行，或分成几份用“追加或更新”方式导入"


def too_many_rows_message(limits: FileLimits) -> str:
    return (
        f"表格超过{limits.max_sheet_rows}行（空行也算在内），一次最多导入{limits.max_people}人。"
        "请删除多余的空行，或分成几份用“追加或更新”方式导入"
    )
