"""Writing sections: content with conflict detection, assignment and status."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.communications.models import CommunicationAction, LinkCollection
from lagesbild.reports.models import (
    EDITABLE_STATES,
    ReportSection,
    SectionKind,
    SectionStatus,
)
from lagesbild.reports.services import notifying
from lagesbild.reports.services.common import (
    ReportError,
    SectionConflict,
    _ensure_editable,
)
from lagesbild.search.services import search_update
from lagesbild.staff.models import Spokesperson


@dataclass(frozen=True)
class SectionContent:
    """What a section editor submits; structured parts are None when the kind has none."""

    body: str
    heading: str
    actions: list[CommunicationAction] | None = None
    link_collection: LinkCollection | None = None
    spokespersons: list[Spokesperson] | None = None


@transaction.atomic
def section_save(
    *, section: ReportSection, by: User, base_revision: int, content: SectionContent
) -> ReportSection:
    """Save only if nobody saved since `base_revision`; else raise SectionConflict."""
    # One conditional UPDATE decides the race: the revision and the report's state are
    # checked by the database in the same statement that writes.
    fields: dict[str, Any] = {"body": content.body, "heading": content.heading}
    if section.kind == SectionKind.LINKS:
        fields["link_collection"] = content.link_collection
    updated = ReportSection.objects.filter(
        pk=section.pk, revision=base_revision, report__state__in=EDITABLE_STATES
    ).update(
        **fields,
        revision=F("revision") + 1,
        updated_by=by,
        updated_at=timezone.now(),
        # A changed text must be approved again.
        status=Case(
            When(status=SectionStatus.APPROVED, then=Value(SectionStatus.WRITTEN)),
            default=F("status"),
        ),
    )
    current = ReportSection.objects.select_related("report").get(pk=section.pk)
    if not updated:
        _ensure_editable(current.report)
        raise SectionConflict(current)
    if content.actions is not None:
        current.actions.set(content.actions)
    if content.spokespersons is not None:
        current.spokespersons.set(content.spokespersons)
    audit_record(
        actor=by,
        action="section.save",
        obj=current,
        summary=_("Sparade %(section)s") % {"section": current},
        details={"report": current.report_id, "revision": current.revision},
    )
    return current


def section_assign(*, section: ReportSection, by: User, assignee: User | None) -> ReportSection:
    _ensure_editable(section.report)
    changed = section.assignee_id != (assignee.pk if assignee else None)
    ReportSection.objects.filter(pk=section.pk).update(assignee=assignee)
    section.assignee = assignee
    if changed:
        notifying.notify_section_assigned(section=section, by=by)
    audit_record(
        actor=by,
        action="section.assign",
        obj=section,
        summary=_("%(section)s tilldelad %(who)s")
        % {"section": section, "who": assignee.display_name() if assignee else _("ingen")},
        details={"report": section.report_id, "assignee": assignee.pk if assignee else None},
    )
    search_update(obj=section.report)
    return section


def section_set_status(
    *, section: ReportSection, by: User, status: str, note: str = ""
) -> ReportSection:
    """Move a section's status; sending it back to its writer tells them, with the note."""
    _ensure_editable(section.report)
    if status not in SectionStatus.values:
        raise ReportError(_("Okänd status."))
    before = section.status
    ReportSection.objects.filter(pk=section.pk).update(status=status)
    section.status = status
    entry = audit_record(
        actor=by,
        action="section.status",
        obj=section,
        summary=_("%(section)s: %(status)s")
        % {"section": section, "status": section.get_status_display()}
        + (f": {note}" if note else ""),
        details={"report": section.report_id, "from": before, "to": status, "note": note},
    )
    if status == SectionStatus.TO_WRITE and before != SectionStatus.TO_WRITE:
        notifying.notify_section_sent_back(section=section, by=by, note=note, event=entry.pk)
    return section
