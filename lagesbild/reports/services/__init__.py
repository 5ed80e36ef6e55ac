"""Writing and approving reports: every change goes through here and leaves an audit entry."""

from lagesbild.reports.services.common import (
    IllegalTransition,
    ReportError,
    ReportLocked,
    SectionConflict,
)
from lagesbild.reports.services.creating import (
    report_audit_entries,
    report_correct,
    report_create_next,
    report_update_details,
)
from lagesbild.reports.services.sections import (
    SectionContent,
    section_assign,
    section_save,
    section_set_status,
)
from lagesbild.reports.services.series import (
    series_create,
    series_set_public,
    series_update,
    template_section_add,
    template_section_move,
    template_section_remove,
    template_section_update,
)
from lagesbild.reports.services.workflow import (
    MOVES,
    report_approve,
    report_publish,
    report_send_back,
    report_submit_for_review,
)

__all__ = [
    "IllegalTransition",
    "MOVES",
    "ReportError",
    "ReportLocked",
    "SectionConflict",
    "SectionContent",
    "report_approve",
    "report_audit_entries",
    "report_correct",
    "report_create_next",
    "report_publish",
    "report_send_back",
    "report_submit_for_review",
    "report_update_details",
    "section_assign",
    "section_save",
    "section_set_status",
    "series_create",
    "series_set_public",
    "series_update",
    "template_section_add",
    "template_section_move",
    "template_section_remove",
    "template_section_update",
]
