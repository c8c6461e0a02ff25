"""The shared body of ``import_certificates`` and ``import_insurance``: parse the path, call the
service, print the counts in Chinese; on an invalid file print every problem and exit 1."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registry.choices import ImportKind
from registry.services import ImportRefused, registry_import


class RegistryImportCommand(BaseCommand):
    kind: str = ""

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV（UTF-8 或 GBK）或 .xlsx 文件")

    def handle(self, *args, path: str, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            result = registry_import(kind=self.kind, path_or_file=file, source=file.name, by=None)
        except ImportRefused as refused:
            for error in refused.row_errors:
                self.stderr.write(error.message)
            raise CommandError(
                f"{ImportKind(self.kind).label}文件有问题（共 {refused.rows} 行数据），未导入任何内容。"
            ) from None
        self.stdout.write(
            f"已导入{ImportKind(self.kind).label}（导入记录 #{result.pk}）：共 {result.rows} 行，"
            f"新增 {result.created}，更新 {result.updated}，未变 {result.unchanged}；"
            f"重新核对申报 {result.rechecked_reports} 份。"
        )
