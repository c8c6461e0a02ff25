"""What an import changes downstream: the reports whose roster lines rest on the imported facts.

A certificate that turned 注销 or an insurance month that appeared changes what a submitted
roster line counts for, so the reports concerned must be checked again. Issue 10's main branch
fills this in (the re-check of roster lines against the registry); until then it re-checks
nothing and answers 0. The import services call it inside their transaction, after the records
are written, and store the answer in ``DataImport.rechecked_reports``.
"""


def rosters_recheck_after_import(data_import) -> int:
    """Re-check the reports affected by ``data_import``; returns how many were re-checked."""
    return 0
