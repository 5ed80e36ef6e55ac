"""A joint report with its material: quotes from a category of five and one of four
respondents, a published lesson with evidence and an action, and a series of joint reports."""

from dataclasses import dataclass
from datetime import date

from lagesbild.accounts.models import User
from lagesbild.experiences.models import Collection, Source
from lagesbild.experiences.tests.helpers import make_collection
from lagesbild.lessons.models import Lesson, LessonAction
from lagesbild.lessons.services.evidence import evidence_add
from lagesbild.reports import services
from lagesbild.reports.models import (
    Report,
    ReportSection,
    SectionKind,
    Series,
    SeriesKind,
    TemplateSection,
)
from lagesbild.staff.models import Staff
from lagesbild.testing import make_series, make_staff
from lagesbild.themes.models import Coding
from lagesbild.themes.tests.helpers import make_answers, make_code, make_codebook, make_coding

BIG, SMALL = "Utförarförvaltning", "Kommun"


@dataclass
class Joint:
    staff: Staff
    collection: Collection
    big: list[Source]
    small: list[Source]
    quote_big: Coding
    quote_small: Coding
    lesson: Lesson
    series: Series
    report: Report

    @property
    def text_section(self) -> ReportSection:
        return self.report.sections.get(kind=SectionKind.TEXT)


def make_joint(*, public: bool = True, staff: Staff | None = None) -> Joint:
    staff = staff or make_staff()
    editor = User.objects.get(username="editor")
    collection = make_collection(staff)
    categories = {c.name: c for c in collection.categories.all()}
    big = make_answers(
        collection,
        [f"Inloggningen tar tio minuter varje morgon på avdelning {i}." for i in range(5)],
        category=categories[BIG],
    )
    small = make_answers(
        collection,
        [f"Hemtjänsten ser inte läkemedelslistan, säger Anna på enhet {i}." for i in range(4)],
        category=categories[SMALL],
    )
    code = make_code(make_codebook(collection), name="Inloggning")
    quote_big = make_coding(big[0], code, coder=editor)
    quote_small = make_coding(small[0], code, coder=editor)
    lesson = Lesson.objects.create(
        staff=staff,
        number=7,
        title="Inloggningen måste gå fortare",
        statement="Långa inloggningar tar tid från patienterna.",
        area="technical",
        state="action",
        is_published=True,
    )
    evidence_add(lesson=lesson, actor=None, coding=quote_big)
    LessonAction.objects.create(
        lesson=lesson,
        text="Införa enkel inloggning på alla avdelningar",
        owner_org="Regionens IT-förvaltning",
        due=date(2025, 6, 30),
        status="planned",
    )
    series = make_series(
        staff, kind=SeriesKind.JOINT_REPORT, is_public=public, title="Gemensam rapport"
    )
    rows = [
        ("Metod och material", SectionKind.COMPUTED, "experiences.material"),
        ("Vad vi hörde", SectionKind.TEXT, ""),
        ("Lärdomar", SectionKind.COMPUTED, "lessons.lessons"),
    ]
    for i, (heading, kind, computed) in enumerate(rows):
        TemplateSection.objects.create(
            series=series, position=i, heading=heading, level=2, kind=kind, computed=computed
        )
    report = services.report_create_next(series=series, by=editor)
    ReportSection.objects.filter(report=report, kind=SectionKind.TEXT).update(
        body=f"Många beskriver långa inloggningar [@citat:{quote_big.pk}], och i kommunerna "
        f"saknas listan [@citat:{quote_small.pk}]. Se lärdomen [@lärdom:7]."
    )
    return Joint(staff, collection, big, small, quote_big, quote_small, lesson, series, report)


def publish(report: Report) -> Report:
    editor = User.objects.get(username="editor")
    services.report_submit_for_review(report=report, by=editor)
    services.report_approve(report=report, by=editor)
    services.report_publish(report=report, by=editor)
    report.refresh_from_db()
    return report
