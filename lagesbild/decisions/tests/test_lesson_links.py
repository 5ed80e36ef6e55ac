"""Options (through their scores), risks and findings rest on lessons; the lesson shows it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lagesbild.accounts.models import AuditEntry
from lagesbild.decisions.models import Finding
from lagesbild.decisions.services.lessons import lessons_link
from lagesbild.decisions.services.options import score_set
from lagesbild.decisions.tests.helpers import (
    client_for,
    make_criterion,
    make_option,
    make_review,
    make_risk,
)
from lagesbild.lessons.models import LessonState
from lagesbild.lessons.tests.helpers import make_lesson
from lagesbild.testing import make_other_staff, make_staff


@pytest.mark.django_db
def test_a_risk_and_a_finding_rest_on_lessons_chosen_in_the_browser_flow(cast: dict) -> None:
    staff = make_staff()
    lesson = make_lesson(staff, title="Utbildningen kom för sent")
    rejected = make_lesson(staff, title="Fel antagande")
    rejected.state = LessonState.REJECTED
    rejected.save(update_fields=["state"])
    risk = make_risk(staff, cast["editor"], title="Personalen kan inte systemet")
    finding = Finding.objects.create(review=make_review(staff), number=1, title="Tidsplanen")
    editor = client_for(cast["editor"])
    url = reverse("decisions:lessons_edit", args=["risk", risk.pk])
    form = editor.get(url).content.decode()
    assert "Utbildningen kom för sent" in form and "Fel antagande" not in form
    assert editor.post(url, {"lessons": [lesson.pk]}).status_code == 302
    assert list(risk.lessons.all()) == [lesson]
    assert AuditEntry.objects.filter(action="lessons_linked", object_id=str(risk.pk)).exists()
    url = reverse("decisions:lessons_edit", args=["iakttagelse", finding.pk])
    assert editor.post(url, {"lessons": [lesson.pk]}).status_code == 302
    risk_page = editor.get(risk.get_absolute_url()).content.decode()
    assert lesson.get_absolute_url() in risk_page
    # The lesson's page shows both, to those who read the decision basis.
    lesson_page = editor.get(lesson.get_absolute_url()).content.decode()
    assert "Citeras av" in lesson_page
    assert risk.get_absolute_url() in lesson_page and finding.get_absolute_url() in lesson_page
    reader_page = client_for(cast["reader"]).get(lesson.get_absolute_url()).content.decode()
    assert risk.get_absolute_url() not in reader_page
    # Readers may not choose; another staff's member may not either.
    assert client_for(cast["reader"]).get(url).status_code == 403
    assert client_for(cast["other_member"]).get(url).status_code == 403
    assert (
        editor.get(reverse("decisions:lessons_edit", args=["beslut", risk.pk])).status_code == 404
    )


@pytest.mark.django_db
def test_a_score_cites_lessons_and_another_staffs_lesson_is_refused(cast: dict) -> None:
    staff = make_staff()
    option, criterion = make_option(staff, "A"), make_criterion(staff, "Personalens erfarenheter")
    lesson = make_lesson(staff, title="Utbildningen kom för sent")
    foreign = make_lesson(make_other_staff(), title="Annan stabs lärdom")
    with pytest.raises(ValidationError, match="annan stab"):
        score_set(
            option=option,
            criterion=criterion,
            by=cast["editor"],
            value=3,
            justification="Motivering",
            lessons=[foreign],
        )
    with pytest.raises(ValidationError, match="annan stab"):
        lessons_link(obj=make_risk(staff, cast["editor"]), lessons=[foreign], by=cast["editor"])
    editor = client_for(cast["editor"])
    url = reverse("decisions:score_edit", args=[option.pk, criterion.pk])
    crafted = editor.post(url, {"value": 3, "justification": "Stöds", "lessons": [foreign.pk]})
    assert crafted.status_code == 200 and not option.scores.exists()
    done = editor.post(url, {"value": 3, "justification": "Stöds", "lessons": [lesson.pk]})
    assert done.status_code == 302
    assert list(option.scores.get().lessons.all()) == [lesson]
    assert (
        lesson.code in editor.get(reverse("decisions:matrix", args=[staff.slug])).content.decode()
    )
    assert (
        "Utbildningen kom för sent"
        in editor.get(reverse("decisions:option_detail", args=[option.pk])).content.decode()
    )
    assert (
        reverse("decisions:option_detail", args=[option.pk])
        in editor.get(lesson.get_absolute_url()).content.decode()
    )
