"""Plain make_<model>() helpers for the decision basis's tests."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.test import Client

from lagesbild.accounts.models import User
from lagesbild.decisions.models import Agreement, Criterion, Option, Review, Risk
from lagesbild.decisions.services.risks import risk_create
from lagesbild.staff.models import Staff


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_risk(staff: Staff, by: User, **fields: Any) -> Risk:
    fields.setdefault("title", "Felaktiga läkemedelslistor")
    fields.setdefault("likelihood", 2)
    fields.setdefault("consequence", 3)
    fields.setdefault("owner", "Chefläkare")
    return risk_create(risk=Risk(staff=staff, **fields), by=by)


def make_option(staff: Staff, short: str, **fields: Any) -> Option:
    fields.setdefault("title", f"Vägval {short}")
    return Option.objects.create(staff=staff, short_name=short, **fields)


def make_criterion(staff: Staff, name: str, weight: str = "1") -> Criterion:
    return Criterion.objects.create(staff=staff, name=name, weight=Decimal(weight))


def make_review(staff: Staff, **fields: Any) -> Review:
    fields.setdefault("title", "Extern granskning av införandet")
    fields.setdefault("reviewer", "Revisio AB")
    return Review.objects.create(staff=staff, **fields)


def make_agreement(staff: Staff, **fields: Any) -> Agreement:
    fields.setdefault("title", "Pausöverenskommelse")
    fields.setdefault("parties", "Regionen och leverantören")
    fields.setdefault("signed_on", date(2026, 9, 1))
    return Agreement.objects.create(staff=staff, **fields)
