"""Risks and findings that rest on the staff's lessons (scores cite them through score_set)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record
from lagesbild.decisions.models import Finding, Risk
from lagesbild.lessons.models import Lesson, LessonState
from lagesbild.staff.models import Staff

# A rejected lesson, or one merged into another, is not something to rest a judgement on.
NOT_CITABLE = (LessonState.REJECTED, LessonState.MERGED)


def lessons_citable(*, staff: Staff, keep: list[Lesson] | None = None) -> QuerySet[Lesson]:
    """The staff's lessons that may be cited, plus those already cited (so none is lost)."""
    kept = [lesson.pk for lesson in keep or []]
    return (
        Lesson.objects.filter(staff=staff).exclude(state__in=NOT_CITABLE)
        | Lesson.objects.filter(pk__in=kept)
    ).order_by("number")


def lessons_check(*, staff_id: int, lessons: list[Lesson]) -> None:
    if any(lesson.staff_id != staff_id for lesson in lessons):
        raise ValidationError({"lessons": _("Lärdomen hör till en annan stab.")})


@transaction.atomic
def lessons_link(*, obj: Risk | Finding, lessons: list[Lesson], by: User) -> None:
    """Set the lessons a risk or a finding rests on; audited on the risk or finding."""
    staff_id = obj.staff_id if isinstance(obj, Risk) else obj.review.staff_id
    lessons_check(staff_id=staff_id, lessons=lessons)
    before = set(obj.lessons.values_list("pk", flat=True))
    obj.lessons.set(lessons)
    after = {lesson.pk for lesson in lessons}
    if before == after:
        return
    audit_record(
        actor=by,
        action="lessons_linked",
        obj=obj,
        summary=", ".join(lesson.code for lesson in lessons) or _("inga lärdomar"),
        details={"added": sorted(after - before), "removed": sorted(before - after)},
    )
