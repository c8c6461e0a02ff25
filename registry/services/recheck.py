"""What an import changes downstream: the filed reports whose roster lines rest on the imported
facts are re-checked (``quota.services.recheck``: a city-wide audit run per data year touched,
sent when the import's transaction commits).  The import services call this inside their
transaction, after the records are written, and store the answer in
``DataImport.rechecked_reports``."""

from quota.services.recheck import rosters_recheck_after_import as _quota_recheck


def rosters_recheck_after_import(data_import) -> int:
    """Re-check the reports affected by ``data_import``; returns how many filed reports it touches."""
    return _quota_recheck(data_import=data_import)
