from registry.choices import ImportKind

from ._registry_import import RegistryImportCommand


class Command(RegistryImportCommand):
    help = "导入残疾人证核验数据（表头：certificate_no,name,status,category,grade,issued_on,valid_until,status_changed_on）"
    kind = ImportKind.CERTIFICATES
