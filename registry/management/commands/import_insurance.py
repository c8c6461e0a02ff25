from registry.choices import ImportKind

from ._registry_import import RegistryImportCommand


class Command(RegistryImportCommand):
    help = "导入社保缴费明细（表头：credit_code,resident_id,month,insurance_types,base）"
    kind = ImportKind.INSURANCE
