"""The decision basis: twenty risks with history, an external review, three options compared on
eight criteria, the pause agreement with its obligations, and two recorded decisions."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from lagesbild.decisions.models import (
    Agreement,
    AgreementKind,
    ConsequenceArea,
    Criterion,
    Decision,
    Finding,
    FindingAction,
    Obligation,
    Option,
    Review,
    Risk,
    RiskAssessment,
    RiskOptionAssessment,
    Score,
)
from lagesbild.decisions.services.risks import areas_ensure
from lagesbild.demo.scenario import decisions_texts as texts


def _risks(staff: Any, lead: Any) -> list[Risk]:
    areas = list(ConsequenceArea.objects.filter(staff=staff))
    now, today = timezone.now(), timezone.localdate()
    risks = []
    for number, (title, cause, consequence, area_ix, owner, history, review) in enumerate(
        texts.RISKS, start=1
    ):
        last = history[-1]
        risk = Risk.objects.create(
            staff=staff,
            number=number,
            title=title,
            cause=cause,
            consequence_text=consequence,
            likelihood=last[1],
            consequence=last[2],
            owner=owner,
            next_review=today + timedelta(days=review),
            created_at=now - timedelta(days=history[0][0]),
        )
        risk.areas.set([areas[i] for i in area_ix])
        before = None
        for days, likelihood, cons, reason in history:
            RiskAssessment.objects.create(
                risk=risk,
                by=lead,
                at=now - timedelta(days=days, hours=3),
                from_likelihood=before[0] if before else None,
                from_consequence=before[1] if before else None,
                likelihood=likelihood,
                consequence=cons,
                reason=reason,
            )
            before = (likelihood, cons)
        risks.append(risk)
    return risks


def _review(staff: Any) -> list[Finding]:
    today = timezone.localdate()
    review = Review.objects.create(
        staff=staff,
        title="Extern granskning av införandet av vårdinformationssystemet",
        reviewer="Revisio Granskning AB",
        commissioned_by="Regionstyrelsen",
        started_on=today - timedelta(days=75),
        delivered_on=today - timedelta(days=20),
        summary=(
            "Granskningen bedömer att införandet startade innan verksamheterna och systemet "
            "var redo, att styrningen var otydlig och att riskerna inte följdes upp. "
            "Rapporten innehåller nio iakttagelser och tre rekommendationer."
        ),
    )
    findings = []
    for number, (title, text, severity, response, reason, status) in enumerate(
        texts.FINDINGS, start=1
    ):
        finding = Finding.objects.create(
            review=review,
            number=number,
            is_recommendation=text.startswith("Rekommendation"),
            title=title,
            text=text,
            severity=severity,
            response=response,
            response_reason=reason,
            status=status,
        )
        if status in ("in_progress", "done"):
            FindingAction.objects.create(
                finding=finding,
                description=f"Åtgärdsplan för: {title.lower()}.",
                owner="Programchef",
                due_date=today + timedelta(days=20 + number * 3),
                status="done" if status == "done" else "in_progress",
            )
        findings.append(finding)
    return findings


def _options(staff: Any, risks: list[Risk], findings: list[Finding]) -> dict[str, Option]:
    options = {}
    for position, (short, title, description) in enumerate(texts.OPTIONS):
        options[short] = Option.objects.create(
            staff=staff,
            short_name=f"Vägval {short}",
            title=title,
            description=description,
            position=position,
        )
    for position, (name, weight, per_option) in enumerate(texts.CRITERIA):
        criterion = Criterion.objects.create(
            staff=staff, name=name, weight=Decimal(weight), position=position
        )
        for option, (value, why, risk_ix, finding_ix) in zip(
            options.values(), per_option, strict=True
        ):
            score = Score.objects.create(
                option=option, criterion=criterion, value=value, justification=why
            )
            score.risks.set([risks[i] for i in risk_ix])
            score.findings.set([findings[i] for i in finding_ix])
    for short, rows in texts.RISKS_PER_OPTION.items():
        for index, likelihood, consequence in rows:
            RiskOptionAssessment.objects.create(
                risk=risks[index],
                option=options[short],
                likelihood=likelihood,
                consequence=consequence,
            )
    return options


def load(ctx: dict[str, Any]) -> None:
    staff, users = ctx["staff"], ctx["users"]
    lead = users["stabschef"]
    today = timezone.localdate()
    areas_ensure(staff=staff)
    risks = _risks(staff, lead)
    findings = _review(staff)
    options = _options(staff, risks, findings)
    pause = Agreement.objects.create(
        staff=staff,
        title="Pausöverenskommelse med Vårdsystem Norden AB",
        kind=AgreementKind.PAUSE,
        parties="Regionen och Vårdsystem Norden AB",
        signed_on=today - timedelta(days=64),
        registration_number="RS 2025-01187",
        summary=(
            "Parterna är överens om att pausa den fortsatta utrullningen och om hur de ska "
            "samarbeta tills regionen har beslutat om vägval. Överenskommelsen gäller tills "
            "vidare. Leverantören åtar sig att rätta de brister som ledde till pausen."
        ),
    )
    Agreement.objects.create(
        staff=staff,
        title="Huvudavtal om vårdinformationssystem",
        kind=AgreementKind.MAIN,
        parties="Regionen och Vårdsystem Norden AB",
        signed_on=today - timedelta(days=5 * 365),
        ends_on=today + timedelta(days=5 * 365),
        registration_number="RS 2020-00412",
    )
    for i, (party, description, owner, due, status) in enumerate(texts.OBLIGATIONS):
        Obligation.objects.create(
            agreement=pause,
            party=party,
            description=description,
            owner=owner,
            due_date=today + timedelta(days=due),
            status=status,
            # The communicator follows up every other obligation; the rest fall to the lead.
            followed_by=users["redaktor"] if i % 2 == 0 else None,
        )
    first = Decision.objects.create(
        staff=staff,
        title="Införandet pausas tills regionen har beslutat om vägval",
        decision_text=(
            "Den fortsatta utrullningen av vårdinformationssystemet pausas. Verksamheter "
            "som redan använder systemet fortsätter med förstärkt stöd."
        ),
        reasons=(
            "Avvikelserna i läkemedelshanteringen och belastningen på medarbetarna gör att "
            "patientsäkerheten inte kan garanteras vid fortsatt utrullning."
        ),
        decided_on=today - timedelta(days=66),
        decided_by_body="Regionstyrelsen",
        mandate="Regionstyrelsens ansvar för regionens verksamhet",
        registration_number="RS 2025-01160",
        what_follows="Staben inrättas; pausöverenskommelse förhandlas med leverantören.",
        recorded_by=lead,
        recorded_at=timezone.now() - timedelta(days=66),
    )
    first.risks.set([risks[0], risks[1]])
    second = Decision.objects.create(
        staff=staff,
        title="Uppdrag att ta fram beslutsunderlag om vägval",
        decision_text=(
            "Staben tar fram ett beslutsunderlag med tre vägval, riskanalyser per vägval och "
            "den externa granskningens iakttagelser, till regionstyrelsen i mars."
        ),
        reasons="Regionstyrelsen behöver ett samlat och jämförbart underlag för sitt beslut.",
        decided_on=today - timedelta(days=18),
        mandate="Stabschefens delegation från regiondirektören",
        registration_number="RS 2025-01322",
        what_follows="Vägvalen bedöms mot åtta kriterier; underlaget publiceras i februari.",
        recorded_by=lead,
        recorded_at=timezone.now() - timedelta(days=18),
    )
    second.decision_makers.set([lead])
    second.options.set(options.values())
    second.findings.set(findings[:2])
    second.agreements.set([pause])
    ctx["decision_options"] = options
