import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from lagesbild.communications.models import CommunicationAction
from lagesbild.reports.models import Report, ReportKind, ReportState, SectionKind, SectionStatus
from lagesbild.reports.rendering import report_render

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("demo", "--no-serve")


def _published():
    # The VIS staff's series; the winter staff (scenario/access.py) has a series of its own.
    return list(
        Report.objects.published().filter(series__slug="regional-rapport").order_by("number")
    )


def test_it_loads_numbered_published_reports_with_one_extra(demo):
    reports = _published()
    assert len(reports) >= 4
    assert [r.number for r in reports] == list(range(1, len(reports) + 1))
    assert [r.kind for r in reports].count(ReportKind.EXTRA) == 1
    assert reports[0].kind == reports[-1].kind == ReportKind.ORDINARY
    assert all(a.compiled_at < b.compiled_at for a, b in zip(reports, reports[1:], strict=False))
    for report in reports:
        assert report.published_at > report.compiled_at
        assert {(t.from_state, t.to_state) for t in report.transitions.all()} >= {
            ("draft", "review"),
            ("review", "approved"),
            ("approved", "published"),
        }
        assert set(report.sections.values_list("status", flat=True)) == {SectionStatus.APPROVED}


def test_each_report_changes_something_from_the_one_before(demo):
    reports = _published()
    for previous, report in zip(reports, reports[1:], strict=False):
        before = dict(previous.sections.values_list("heading", "body"))
        after = dict(report.sections.values_list("heading", "body"))
        assert before.keys() == after.keys()
        assert any(before[h] != after[h] for h in after), f"nr {report.number} is unchanged"


def test_every_published_report_renders_in_the_house_style(demo):
    for report in _published():
        markdown = report_render(report).markdown()
        assert "Sammanställd: " in markdown
        assert "## Kommunikativa åtgärder, urval" in markdown
        assert "\n- " in markdown.split("## Kommunikativa åtgärder, urval")[1]
        actions = report_render(report).sections[3]
        assert actions.kind == SectionKind.ACTIONS
        assert 3 <= actions.markdown.count("\n") + 1 <= 5
        assert all(
            re.match(r"- \d{1,2}/\d{1,2}: \[", line) for line in actions.markdown.splitlines()
        )
        assert "Anna Wallin" in markdown
        assert "{" not in markdown, "a date placeholder was left unresolved"


def test_the_draft_shows_the_editor_what_is_missing(demo):
    last = _published()[-1]
    draft = Report.objects.get(state=ReportState.DRAFT, series__slug="regional-rapport")
    assert draft.number == last.number + 1
    # The deadline is still ahead when the demo loads, and the stamp follows it.
    assert draft.deadline > timezone.now()
    assert draft.compiled_at == draft.deadline
    to_write = draft.sections.filter(status=SectionStatus.TO_WRITE, assignee__isnull=False)
    assert to_write.filter(heading="Verksamhetens kommentar", assignee__username="skribent")
    summary = draft.sections.get(heading="Sammanfattande lägesbild")
    assert summary.status == SectionStatus.WRITTEN
    assert summary.body != last.sections.get(heading=summary.heading).body


def test_running_it_twice_does_not_duplicate(demo):
    counts = (Report.objects.count(), CommunicationAction.objects.count())
    call_command("demo", "--no-serve")
    assert (Report.objects.count(), CommunicationAction.objects.count()) == counts


def test_it_collects_experiences_from_all_four_channels_with_an_open_web_question(demo):
    from lagesbild.experiences.models import Channel, Collection, Source

    collection = Collection.objects.get()
    channels = set(Source.objects.filter(collection=collection).values_list("channel", flat=True))
    assert {Channel.MEETING, Channel.WEB, Channel.LETTER, Channel.INTERVIEW} <= channels
    today = timezone.localdate()
    assert Source.objects.filter(date__gt=today).count() == 0
    question = collection.web_questions.get()
    assert question.is_open(today)


def test_the_series_follows_the_real_reports_structure(demo):
    report = _published()[-1]
    headings = list(report.sections.values_list("heading", flat=True))
    assert headings[:7] == [
        "Sammanfattande lägesbild",
        "Kommunikativ lägesbild",
        "Verksamhetens kommentar",
        "Kommunikativa åtgärder, urval",
        "Samlad information",
        "Talesperson VGR",
        "Om Samordning vårdinformationssystem",
    ]
    markdown = report_render(report).markdown()
    tail = markdown.split("## Om Samordning vårdinformationssystem")[1]
    assert "**Om Regional rapport Samordning vårdinformationssystem**" in tail
    assert tail.rstrip().endswith("medlemmar.*"), "the italic footer closes the report"


def test_it_loads_lessons_in_every_state_with_evidence_across_channels(demo):
    from lagesbild.lessons.models import Lesson, LessonAction, LessonState
    from lagesbild.lessons.services.evidence import SINGLE, supports_for

    lessons = list(Lesson.objects.filter(staff__slug="vis-staben"))
    assert len(lessons) >= 15
    assert {lesson.state for lesson in lessons} == set(LessonState.values)
    assert sum(lesson.state == LessonState.LEARNED for lesson in lessons) == 2
    supports = supports_for(lessons)
    published = [supports[lesson.pk] for lesson in lessons if lesson.is_published]
    assert any(len(s.channels) >= 3 for s in published)
    assert [lesson.title for lesson in lessons if supports[lesson.pk].strength == SINGLE and
            lesson.state == LessonState.IDENTIFIED]  # fmt: skip
    assert LessonAction.objects.overdue().filter(lesson__staff__slug="vis-staben").exists()
    assert all(
        a.verified_by_id for a in LessonAction.objects.filter(lesson__state=LessonState.LEARNED)
        if a.status != "dropped"
    )  # fmt: skip
