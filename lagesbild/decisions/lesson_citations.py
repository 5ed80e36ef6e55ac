"""The decision basis's side of a lesson's "cited by": risks, findings and scores resting on it."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import may
from lagesbild.decisions.models import Finding, Risk, Score
from lagesbild.lessons.cited_by import Citation, citer
from lagesbild.lessons.models import Lesson


@citer
def decision_basis_citing(lesson: Lesson, user: Any) -> list[Citation]:
    if not may(user, "read_decisions", lesson.staff):
        return []
    risks = Risk.objects.filter(lessons=lesson)
    findings = Finding.objects.filter(lessons=lesson).select_related("review")
    scores = Score.objects.filter(lessons=lesson).select_related("option", "criterion")
    return [
        *(Citation(_("Risk"), str(r), r.get_absolute_url()) for r in risks),
        *(
            Citation(_("Iakttagelse"), f"{f} ({f.review.title})", f.get_absolute_url())
            for f in findings
        ),
        *(
            Citation(
                _("Bedömning av vägval"),
                f"{s.option.short_name}: {s.option.title} – {s.criterion.name} ({s.value})",
                reverse("decisions:option_detail", args=[s.option_id]),
            )
            for s in scores
        ),
    ]
