"""The decision basis in search: risks, findings, decisions and agreements, for the staff."""

from django.utils.translation import gettext_lazy as _

from lagesbild.decisions.models import Agreement, Decision, Finding, Risk
from lagesbild.search.registry import Findable, searchable

READ = "read_decisions"


def _risk(risk: Risk) -> Findable:
    body = "\n".join([risk.cause, risk.consequence_text, risk.owner])
    return Findable(
        f"{risk.code} {risk.title}",
        body,
        risk.staff,
        READ,
        risk.get_absolute_url(),
        risk.created_at,
    )


def _finding(finding: Finding) -> Findable:
    body = "\n".join([finding.text, finding.response_reason, finding.review.title])
    return Findable(
        f"{finding.code} {finding.title}",
        body,
        finding.review.staff,
        READ,
        finding.get_absolute_url(),
    )


def _decision(decision: Decision) -> Findable:
    body = "\n".join(
        [
            decision.decision_text,
            decision.reasons,
            decision.what_follows,
            decision.registration_number,
            decision.decided_by_body,
        ]
    )
    return Findable(
        decision.title,
        body,
        decision.staff,
        READ,
        decision.get_absolute_url(),
        decision.recorded_at,
    )


def _agreement(agreement: Agreement) -> Findable:
    body = "\n".join(
        [agreement.summary, agreement.parties, agreement.registration_number]
        + [o.description for o in agreement.obligations.all()]
    )
    return Findable(agreement.title, body, agreement.staff, READ, agreement.get_absolute_url())


def register() -> None:
    searchable("risk", label=_("Risker"), model=Risk, describe=_risk, actions=[READ])
    searchable(
        "finding",
        label=_("Iakttagelser i extern granskning"),
        model=Finding,
        describe=_finding,
        actions=[READ],
        everything=lambda: Finding.objects.select_related("review__staff"),
    )
    searchable("decision", label=_("Beslut"), model=Decision, describe=_decision, actions=[READ])
    searchable("agreement", label=_("Avtal"), model=Agreement, describe=_agreement, actions=[READ])
