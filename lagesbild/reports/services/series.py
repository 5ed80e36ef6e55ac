"""Series and their section templates."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.communications.models import LinkCollection
from lagesbild.reports.models import (
    Series,
    TemplateSection,
)
from lagesbild.staff.models import Staff

# --- Series and their templates -------------------------------------------------------------


def series_create(
    *, staff: Staff, title: str, slug: str, description: str = "", by: User
) -> Series:
    series = Series.objects.create(staff=staff, title=title, slug=slug, description=description)
    audit_record(actor=by, action="series.create", obj=series, summary=title)
    return series


def series_update(*, series: Series, by: User, changed: list[str]) -> Series:
    """Save a series edited by a form and record which fields changed."""
    series.save()
    audit_record(
        actor=by,
        action="series.update",
        obj=series,
        summary=_("Ändrade %(fields)s") % {"fields": ", ".join(changed) or "-"},
        details={"fields": changed},
    )
    return series


def series_set_public(*, series: Series, by: User, is_public: bool) -> Series:
    Series.objects.filter(pk=series.pk).update(is_public=is_public)
    series.is_public = is_public
    summary = _("Öppnad på intranätet") if is_public else _("Stängd för läsare utan inloggning")
    audit_record(actor=by, action="series.public", obj=series, summary=summary)
    return series


def template_section_add(
    *,
    series: Series,
    by: User,
    heading: str,
    level: int,
    kind: str,
    body: str = "",
    link_collection: LinkCollection | None = None,
) -> TemplateSection:
    last = series.template_sections.aggregate(m=Max("position"))["m"]
    section = TemplateSection.objects.create(
        series=series,
        position=0 if last is None else last + 1,
        heading=heading,
        level=level,
        kind=kind,
        body=body,
        link_collection=link_collection,
    )
    audit_record(
        actor=by,
        action="series.template.add",
        obj=series,
        summary=str(section),
        details={"template_section": section.pk},
    )
    return section


def template_section_update(*, section: TemplateSection, by: User) -> TemplateSection:
    section.save()
    audit_record(
        actor=by,
        action="series.template.update",
        obj=section.series,
        summary=str(section),
        details={"template_section": section.pk},
    )
    return section


def template_section_remove(*, section: TemplateSection, by: User) -> None:
    series = section.series
    audit_record(
        actor=by,
        action="series.template.remove",
        obj=series,
        summary=str(section),
        details={"template_section": section.pk},
    )
    section.delete()
    _renumber(series.template_sections.all())


def template_section_move(*, section: TemplateSection, by: User, step: int) -> None:
    """Swap the section with its neighbour above (step=-1) or below (step=+1)."""
    with transaction.atomic():
        ordered = list(section.series.template_sections.select_for_update())
        index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
        target = index + step
        if not 0 <= target < len(ordered):
            return
        ordered[index], ordered[target] = ordered[target], ordered[index]
        _renumber(ordered)
    audit_record(
        actor=by,
        action="series.template.move",
        obj=section.series,
        summary=_("Flyttade %(section)s") % {"section": section},
        details={"template_section": section.pk, "step": step},
    )


def _renumber(sections: Iterable[TemplateSection]) -> None:
    for position, s in enumerate(sections):
        if s.position != position:
            TemplateSection.objects.filter(pk=s.pk).update(position=position)
            s.position = position


# --- Creating reports --------------------------------------------------------------------------
