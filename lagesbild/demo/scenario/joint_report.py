"""The joint report (gemensam rapport): a public report series compiled successively from the
collection and the lessons. Version 1 and 2 are published (2 with more quotes and lessons, so
"what changed" shows something), version 3 is a draft; the texts cite quotes and lessons."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from lagesbild.experiences.report_parts import category_respondents
from lagesbild.lessons.models import Lesson
from lagesbild.reports.models import (
    Report,
    ReportSection,
    SectionKind,
    SectionStatus,
    Series,
    SeriesKind,
    TemplateSection,
)
from lagesbild.reports.services.creating import report_create_next
from lagesbild.reports.services.workflow import (
    report_approve,
    report_publish,
    report_submit_for_review,
)
from lagesbild.themes.models import Coding

TEMPLATE = [
    ("Sammanfattning", SectionKind.TEXT, ""),
    ("Metod och material", SectionKind.COMPUTED, "experiences.material"),
    ("Vad vi hörde", SectionKind.TEXT, ""),
    ("Lärdomar", SectionKind.COMPUTED, "lessons.lessons"),
    ("Vad händer nu", SectionKind.TEXT, ""),
]

SUMMARY_1 = (
    "Den här rapporten sammanställer vad medarbetarna har berättat om införandet av det nya "
    "vårdinformationssystemet, och de första lärdomarna staben drar av det. Den byggs på "
    "successivt: varje version lägger till material och lärdomar."
)
SUMMARY_2 = (
    SUMMARY_1 + "\n\n"
    "Sedan förra versionen har fler dialogmöten hållits och fler lärdomar identifierats. "
    "Bilden är densamma men tydligare: inloggningen, läkemedelslistorna och utbildningens "
    "tidpunkt är det som flest tar upp, i alla kategorier och kanaler."
)
HEARD_1 = (
    "Det som flest tar upp är inloggningen. Den tar lång tid varje morgon och måste göras om "
    "efter utloggning mitt i arbetet {inloggning}. Många beskriver också osäkerhet kring "
    "läkemedelslistorna efter övergången {lakemedel}."
)
HEARD_2 = HEARD_1 + (
    "\n\nUtbildningen kom för många för tidigt och hann glömmas bort {utbildning}, och "
    "superanvändarna hade sällan tid avsatt {superanvandare}. Övertiden ökade på de "
    "avdelningar som startade först {overtid}."
)
NEXT_1 = (
    "Staben fortsätter dialogmötena under våren. Lärdomarna följs upp på stabsmötet varannan "
    "vecka; de som gäller nästa etapp lämnas till regionstyrelsen inför beslutet om vägval."
)
NEXT_3 = NEXT_1 + (
    "\n\nI nästa version redovisas resultatet av det sammanhållna testet av remiss- och "
    "provsvarsflödet."
)
CODES = {
    "inloggning": "Långsam inloggning",
    "lakemedel": "Läkemedelslistan",
    "utbildning": "Fel tidpunkt",
    "superanvandare": "Superanvändare",
    "overtid": "Övertid",
}


def _quote(staff: Any, code_name: str) -> str:
    """A confirmed coding of the code from a category large enough to quote publicly."""
    codings = (
        Coding.objects.confirmed()
        .filter(code__name=code_name, sample__isnull=True, source__collection__staff=staff)
        .exclude(source__category__isnull=True)
        .select_related("source")
        .order_by("source__date", "start")
    )
    counts: dict[int, dict[int | None, int]] = {}
    fallback = ""
    for coding in codings[:200]:
        source = coding.source
        if source.collection_id not in counts:
            counts[source.collection_id] = category_respondents(source.collection_id)
        token = f"[@citat:{coding.pk}]"
        if (
            counts[source.collection_id].get(source.category_id, 0)
            >= settings.FEEDBACK_MIN_CATEGORY
        ):
            return token
        fallback = fallback or token
    return fallback


def _publish(report: Report, users: dict[str, Any], when: Any) -> None:
    report.sections.update(status=SectionStatus.APPROVED)
    report_submit_for_review(report=report, by=users["redaktor"])
    report_approve(report=report, by=users["stabschef"])
    report_publish(report=report, by=users["stabschef"])
    Report.objects.filter(pk=report.pk).update(compiled_at=when, published_at=when)


def _write(report: Report, heading: str, body: str) -> None:
    ReportSection.objects.filter(report=report, heading=heading).update(body=body)


def load(ctx: dict[str, Any]) -> None:
    staff, users = ctx["staff"], ctx["users"]
    series = Series.objects.create(
        staff=staff,
        title="Gemensam rapport: erfarenheter och lärdomar från införandet",
        slug="gemensam-rapport",
        kind=SeriesKind.JOINT_REPORT,
        is_public=True,
        description="Alla erfarenheter och lärdomar från införandet, sammanställda successivt.",
    )
    for position, (heading, kind, computed) in enumerate(TEMPLATE):
        TemplateSection.objects.create(
            series=series, position=position, heading=heading, level=2, kind=kind,
            computed=computed,
        )  # fmt: skip
    quotes = {key: _quote(staff, name) for key, name in CODES.items()}
    now = timezone.now()
    # Version 1, three weeks ago: the lessons published since then were not yet published.
    later = list(
        Lesson.objects.filter(staff=staff, is_published=True)
        .order_by("number")
        .values_list("pk", flat=True)
    )[4:]
    Lesson.objects.filter(pk__in=later).update(is_published=False)
    first = report_create_next(series=series, by=users["stabschef"], compiled_at=now)
    _write(first, "Sammanfattning", SUMMARY_1)
    _write(first, "Vad vi hörde", HEARD_1.format(**quotes))
    _write(first, "Vad händer nu", NEXT_1)
    _publish(first, users, now - timedelta(days=21))
    Lesson.objects.filter(pk__in=later).update(is_published=True)
    # Version 2, last week: more quotes, every published lesson.
    second = report_create_next(series=series, by=users["stabschef"], compiled_at=now)
    _write(second, "Sammanfattning", SUMMARY_2)
    _write(second, "Vad vi hörde", HEARD_2.format(**quotes))
    _publish(second, users, now - timedelta(days=7))
    # Version 3 is being written.
    third = report_create_next(
        series=series, by=users["stabschef"], deadline=now + timedelta(days=10)
    )
    _write(third, "Vad händer nu", NEXT_3)
    ctx["joint_report"] = second
