"""A draft's live citations are resolved a kind at a time: its queries do not grow with them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lagesbild.accounts.models import User
from lagesbild.lessons.models import Lesson, LessonAction
from lagesbild.lessons.report_parts import lessons_resolve
from lagesbild.lessons.services.evidence import evidence_add
from lagesbild.reports.citations import citations_resolve
from lagesbild.reports.models import ReportSection, SectionKind
from lagesbild.reports.rendering import report_render
from lagesbild.reports.tests.joint import Joint, make_joint
from lagesbild.themes.models import Coding
from lagesbild.themes.tests.helpers import make_coding

MANY = 6


def _material(joint: Joint) -> tuple[list[Lesson], list[Coding]]:
    """MANY published lessons, each quoting a different passage and with an action."""
    editor = User.objects.get(username="editor")
    quotes = [make_coding(s, joint.quote_big.code, coder=editor) for s in joint.big[1:]]
    quotes += [make_coding(s, joint.quote_big.code, coder=editor) for s in joint.small[1:]]
    lessons = []
    for i, quote in enumerate(quotes[:MANY]):
        lesson = Lesson.objects.create(
            staff=joint.staff,
            number=20 + i,
            title=f"Lärdom nummer {i}",
            statement=f"Det här lärde vi oss ({i}).",
            state="action",
            is_published=True,
        )
        evidence_add(lesson=lesson, actor=None, coding=quote)
        evidence_add(lesson=lesson, actor=None, code=quote.code)
        LessonAction.objects.create(lesson=lesson, text=f"Åtgärd {i}", owner_user=editor)
        lessons.append(lesson)
    return lessons, quotes[:MANY]


def _queries(joint: Joint, lessons: list[Lesson], quotes: list[Coding]) -> tuple[int, int]:
    """(queries, footnotes) to render the draft whose text cites these lessons and quotes."""
    body = " ".join(
        [f"[@lärdom:{x.number}]" for x in lessons] + [f"[@citat:{q.pk}]" for q in quotes]
    )
    ReportSection.objects.filter(report=joint.report, kind=SectionKind.TEXT).update(body=body)
    with CaptureQueriesContext(connection) as captured:
        rendered = report_render(joint.report)
    assert not any(f.missing for f in rendered.footnotes)
    return len(captured), len(rendered.footnotes)


def test_a_draft_citing_many_lessons_and_quotes_needs_no_more_queries_than_one(cast) -> None:  # type: ignore[no-untyped-def]
    joint = make_joint()
    # Without the computed "Lärdomar" section, which cites every published lesson itself.
    ReportSection.objects.filter(report=joint.report, kind=SectionKind.COMPUTED).delete()
    lessons, quotes = _material(joint)
    one, footnotes = _queries(joint, lessons[:1], quotes[:1])
    assert footnotes == 2
    many, footnotes = _queries(joint, lessons, quotes)
    assert footnotes == 2 * MANY
    assert many == one


def test_resolving_lessons_together_gives_what_resolving_each_alone_gives(cast) -> None:  # type: ignore[no-untyped-def]
    joint = make_joint()
    lessons, quotes = _material(joint)
    numbers = [x.number for x in lessons] + [joint.lesson.number]
    together = lessons_resolve(joint.staff, numbers)
    assert together == {n: lessons_resolve(joint.staff, [n])[n] for n in numbers}
    assert together[joint.lesson.number].meta["quotes"]  # with its quote and its category count
    keys = [("citat", q.pk) for q in quotes] + [("citat", 0), ("lärdom", 999)]
    found = citations_resolve(joint.staff, keys)
    assert found[("citat", 0)] is None and found[("lärdom", 999)] is None
    assert all(found[key] == citations_resolve(joint.staff, [key])[key] for key in keys)
