"""External reviews, their findings, the staff's responses and the actions that follow."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from lagesbild.accounts.models import User
from lagesbild.accounts.services import audit_record, audit_save
from lagesbild.decisions.models import (
    Finding,
    FindingAction,
    FindingResponse,
    FindingStatus,
    Review,
)
from lagesbild.search.services import search_update
from lagesbild.staff.models import Staff


@transaction.atomic
def review_save(*, review: Review, by: User) -> Review:
    return audit_save(
        obj=review,
        by=by,
        created_action="review_added",
        action="review_changed",
        summary=review.title,
    )


@transaction.atomic
def finding_save(*, finding: Finding, by: User, changed: list[str] | None = None) -> Finding:
    """Number a new finding within its review; a response other than agree needs its reason."""
    if finding.response in (FindingResponse.PARTLY, FindingResponse.DISAGREE) and not (
        finding.response_reason.strip()
    ):
        raise ValidationError({"response_reason": _("Motivera varför staben inte instämmer helt.")})
    created = finding.pk is None
    if created:
        top = Finding.objects.filter(review=finding.review).aggregate(n=Max("number"))["n"]
        finding.number = (top or 0) + 1
    finding.save()
    search_update(obj=finding)
    audit_record(
        actor=by,
        action="finding_added" if created else "finding_changed",
        obj=finding,
        summary=str(finding),
        details={"fields": changed or []},
    )
    return finding


@transaction.atomic
def finding_action_save(*, action: FindingAction, by: User) -> FindingAction:
    return audit_save(
        obj=action,
        by=by,
        created_action="finding_action_added",
        action="finding_action_changed",
        about=action.finding,
        summary=action.description[:200],
    )


def reviews_with_progress(*, staff: Staff) -> list[Review]:
    """A staff's reviews with how many findings are answered and done, for the overview."""
    return list(
        Review.objects.filter(staff=staff)
        .annotate(
            n_findings=Count("findings", distinct=True),
            n_answered=Count(
                "findings", filter=~Q(findings__response=FindingResponse.PENDING), distinct=True
            ),
            n_done=Count(
                "findings",
                filter=Q(findings__status__in=[FindingStatus.DONE, FindingStatus.NOT_PURSUED]),
                distinct=True,
            ),
        )
        .order_by("-delivered_on", "-id")
    )
