"""The joint report's evidence chain: citations parsed, resolved, refused and frozen."""

from django.test import Client
from django.urls import reverse

from lagesbild.accounts.models import User
from lagesbild.experiences.services import source_mark_personal
from lagesbild.reports import services
from lagesbild.reports.citations import citations_in, directives_expand, markdown_errors
from lagesbild.reports.footnotes import cited_in
from lagesbild.reports.forms import SectionForm
from lagesbild.reports.models import ReportCitation, ReportSection, SectionKind
from lagesbild.reports.rendering import report_render
from lagesbild.reports.tests.joint import make_joint, publish
from lagesbild.testing import make_other_staff, make_report, make_series
from lagesbild.themes.tests.helpers import make_answers


def test_citations_are_found_in_order_once_and_unknown_words_are_left(db: None) -> None:
    text = "a [@citat:5] b [@lärdom:7] [@CITAT:5] [@okänd:3] [@siffror] [@citat:x]"
    assert citations_in(text) == [("citat", 5), ("lärdom", 7)]


def test_citations_become_numbered_footnotes_in_every_section(cast: dict) -> None:
    joint = make_joint()
    rendered = report_render(joint.report)
    assert [f.line for f in rendered.footnotes][:2] == [
        f"”{joint.quote_big.passage()}” (Webbfråga, Utförarförvaltning, 27 februari 2025)",
        f"”{joint.quote_small.passage()}” (Webbfråga, Kommun, 27 februari 2025)",
    ]
    text = next(s for s in rendered.sections if s.kind == SectionKind.TEXT)
    assert "[^1]" in text.markdown and "[^2]" in text.markdown and "[@citat" not in text.markdown
    assert '<sup class="footnote-ref"><a href="#fotnot-1"' in text.html
    # The lessons section cites its lesson too: the same footnote as the text's [@lärdom:7].
    lessons = next(s for s in rendered.sections if s.heading == "Lärdomar")
    assert "L-7 Inloggningen måste gå fortare" in lessons.markdown
    assert "[^3]" in lessons.markdown and len(rendered.footnotes) == 3
    assert "Införa enkel inloggning" in lessons.markdown


def test_unknown_and_other_staffs_quotes_are_an_editor_error(cast: dict) -> None:
    joint = make_joint()
    other = make_joint(staff=make_other_staff())
    errors = markdown_errors(
        f"[@citat:{other.quote_big.pk}] [@citat:999] [@lärdom:8] [@fel:1] [@okänt]", joint.staff
    )
    assert len(errors) == 5
    assert f"[@citat:{other.quote_big.pk}]" in errors[0]
    assert (
        markdown_errors(f"[@citat:{joint.quote_big.pk}] [@lärdom:7] [@siffror]", joint.staff) == []
    )


def test_saving_a_section_with_a_bad_citation_shows_the_error_and_keeps_the_text(
    cast: dict,
) -> None:
    joint = make_joint()
    other = make_joint(staff=make_other_staff())
    section = joint.text_section
    client = Client()
    client.force_login(User.objects.get(username="editor"))
    body = f"Se [@citat:{other.quote_big.pk}]."
    url = reverse("reports:section_edit", args=[joint.report.pk, section.pk])
    response = client.post(
        url, {"revision": section.revision, "heading": "Vad vi hörde", "body": body}
    )
    assert response.status_code == 200
    assert "finns inte i stabens" in response.content.decode()
    section.refresh_from_db()
    assert "[@citat:" in section.body and str(other.quote_big.pk) not in section.body
    form = SectionForm(section=section)
    assert "[@citat:1234]" in str(form.fields["body"].help_text)


def test_publishing_freezes_the_quotes_as_they_read(cast: dict) -> None:
    joint = make_joint()
    report = publish(joint.report)
    frozen = {c.number: c for c in ReportCitation.objects.filter(report=report)}
    assert set(frozen) == {1, 2, 3}
    before = frozen[1].text
    assert "tio minuter" in before and frozen[1].meta["category_respondents"] == 5
    assert frozen[2].meta["category_respondents"] == 4
    assert frozen[3].meta["actions"][0]["owner"] == "Regionens IT-förvaltning"
    # The source is redacted further and the lesson reworded after publishing.
    editor = User.objects.get(username="editor")
    source_mark_personal(source=joint.big[0], phrase="tio minuter", actor=editor)
    joint.lesson.title = "Ny rubrik"
    joint.lesson.save()
    rendered = report_render(report)
    assert rendered.footnotes[0].text == before
    assert "Inloggningen måste gå fortare" in rendered.markdown()
    assert "Ny rubrik" not in rendered.markdown()
    # The next draft reads the material as it is now.
    draft = services.report_create_next(series=joint.series, by=editor)
    assert "tio minuter" not in report_render(draft).footnotes[0].text
    assert "Ny rubrik" in report_render(draft).markdown()


def test_a_quote_knows_every_published_version_that_cites_it(cast: dict) -> None:
    joint = make_joint()
    assert cited_in("citat", [joint.quote_big.pk]) == {}
    report = publish(joint.report)
    places = cited_in("citat", [joint.quote_big.pk, joint.quote_small.pk])
    assert [c.report for c in places[joint.quote_big.pk]] == [report]
    assert places[joint.quote_big.pk][0].sections == ["Vad vi hörde"]


def test_the_citation_page_shows_the_frozen_quote_and_where_it_is_cited(cast: dict) -> None:
    joint = make_joint()
    report = publish(joint.report)
    page = Client().get(reverse("reports:citation", args=[report.pk, 1])).content.decode()
    assert joint.quote_big.passage() in page and "Vad vi hörde" in page
    assert "stabens arbetsyta" not in page  # the analysis workspace is not for readers
    lesson_page = Client().get(reverse("reports:citation", args=[report.pk, 3])).content.decode()
    assert "Långa inloggningar tar tid" in lesson_page
    assert joint.quote_big.passage() in lesson_page  # the lesson's supporting quote
    assert Client().get(reverse("reports:citation", args=[report.pk, 9])).status_code == 404


def test_a_situation_report_quotes_the_current_figures_and_freezes_them(cast: dict) -> None:
    joint = make_joint()
    series = make_series(joint.staff)
    report = make_report(series, sections=[("Sammanfattning", "Läget. [@siffror]\n\n[@lärdomar]")])
    rendered = report_render(report).markdown()
    assert "Hittills har erfarenhetsinsamlingen fått in 9 svar på webbfrågan" in rendered
    assert "**L-7 Inloggningen måste gå fortare**" in rendered
    report = publish(report)
    make_answers(joint.collection, ["Ett svar till."])
    assert "9 svar" in report_render(report).markdown()
    assert "10 svar" in directives_expand("[@siffror]", joint.staff)


def test_a_section_of_another_kind_is_untouched_by_unknown_tokens(cast: dict) -> None:
    joint = make_joint()
    section = ReportSection.objects.get(report=joint.report, kind=SectionKind.TEXT)
    section.body = "Skriv [@någonting] som text."
    section.save()
    assert "[@någonting]" in report_render(joint.report).markdown()


def test_the_analysis_workspace_shows_where_a_quote_is_cited(cast: dict) -> None:
    joint = make_joint()
    report = publish(joint.report)
    client = Client()
    client.force_login(User.objects.get(username="analyst"))
    source = joint.quote_big.source
    page = client.get(reverse("themes:source", args=[joint.collection.slug, source.pk]))
    text = page.content.decode()
    assert f"[@citat:{joint.quote_big.pk}]" in text
    assert "Citeras i" in text
    assert reverse("reports:citation", args=[report.pk, 1]) in text
