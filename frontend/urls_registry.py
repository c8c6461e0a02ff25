"""核验数据导入 pages (auditors and administrators)."""

from django.urls import path

from .views import registry_imports as imports

urlpatterns = [
    path("auditor/registry/", imports.registry_imports, name="registry_imports"),
    path("auditor/registry/upload/", imports.registry_import_upload, name="registry_import_upload"),
    path("auditor/registry/confirm/", imports.registry_import_confirm, name="registry_import_confirm"),
]
