"""The journal for a period, for the registry (diarium): CSV and PDF."""

import io
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import require
from lagesbild.accounts.services import audit_record
from lagesbild.journal.forms import JournalFilterForm
from lagesbild.journal.models import JournalEntry
from lagesbild.journal.views.journal import filtered_entries
from lagesbild.lib.spreadsheets import csv_writer
from lagesbild.staff.pages import staff_get


def _local(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _row(entry: JournalEntry) -> list[str]:
    links = "; ".join(link.label for link in entry.links.all())
    corrected = ", ".join(c.code for c in entry.corrections.all())
    return [
        entry.code,
        _local(entry.event_at),
        _local(entry.entered_at),
        entry.author_label,
        entry.author_role,
        entry.get_category_display(),
        _("ja") if entry.key_event else "",
        entry.text,
        links,
        entry.corrects.code if entry.corrects else "",
        corrected,
    ]


def _markdown(entries: list[JournalEntry]) -> str:
    parts = []
    for entry in entries:
        head = f"**{entry.code}** {_local(entry.event_at)} · {entry.get_category_display()}"
        if entry.key_event:
            head += f" · {_('nyckelhändelse')}"
        meta = _("Införd %(at)s av %(who)s") % {
            "at": _local(entry.entered_at),
            "who": ", ".join(p for p in (entry.author_label, entry.author_role) if p),
        }
        notes = []
        if entry.corrects:
            notes.append(_("Rättar %(code)s.") % {"code": entry.corrects.code})
        for correction in entry.corrections.all():
            notes.append(_("Rättad genom %(code)s.") % {"code": correction.code})
        text = entry.text.replace("\n", "  \n")
        parts.append("\n\n".join([head, text, f"*{meta}*", *notes]))
    return "\n\n---\n\n".join(parts) or _("Inga anteckningar under perioden.")


@require("read_journal")
def journal_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    staff = staff_get(request, slug, "read_journal")
    entries, start, end = filtered_entries(staff, JournalFilterForm(request.GET or None))
    rows = list(entries)
    name = f"stabsjournal-{staff.slug}-{start:%Y%m%d}-{end:%Y%m%d}"
    audit_record(
        actor=request.user,  # type: ignore[arg-type]
        action="journal_exported",
        obj=staff,
        summary=f"{fmt} {start}–{end}: {len(rows)}",
    )
    if fmt == "csv":
        handle = io.StringIO()
        writer = csv_writer(handle, delimiter=";")
        writer.writerow(
            [
                _("Nummer"),
                _("Händelsens tid"),
                _("Införd"),
                _("Av"),
                _("Roll"),
                _("Kategori"),
                _("Nyckelhändelse"),
                _("Text"),
                _("Länkar"),
                _("Rättar"),
                _("Rättad genom"),
            ]
        )
        writer.writerows(_row(e) for e in rows)
        response = HttpResponse(
            "\ufeff" + handle.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    # Typst is heavy to import; load it only when a PDF is asked for.
    from lagesbild.lib.pdf import render_markdown_pdf

    period = f"{start:%Y-%m-%d}–{end:%Y-%m-%d}"
    pdf = render_markdown_pdf(
        title=_("Stabsjournal, %(staff)s") % {"staff": staff.name},
        subtitle=_("Period: %(period)s") % {"period": period},
        identity=staff.name,
        markdown=_markdown(rows),
        timestamp=int(timezone.now().timestamp()),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
