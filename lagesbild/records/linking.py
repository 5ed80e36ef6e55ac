"""What a released document may point at: a registry of kinds, each a model in some app.

A requested document is either an uploaded file (an e-mail exchange, minutes, a contract) or a
link to something the product already holds, stored as `link_kind` + `link_id`. Each app
registers its own kinds once, in its AppConfig.ready():

    from lagesbild.records.linking import register
    register("agreement", "decisions.Agreement", _("Överenskommelse"))

`staff` is the attribute path to the staff that owns the object ("series.staff" for a
report): a link is only accepted to an object of the request's own staff. The object's page
comes from its get_absolute_url() if it has one, or from the `url` function given here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LinkKind:
    kind: str
    model: str  # "app_label.ModelName"
    label: str | Promise
    staff: str = "staff"
    url: Callable[[Any], str] | None = None

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def find(self, pk: int) -> models.Model | None:
        return self.model_class()._default_manager.filter(pk=pk).first()

    def staff_of(self, obj: Any) -> Any:
        for part in self.staff.split("."):
            obj = getattr(obj, part)
        return obj

    def url_of(self, obj: Any) -> str:
        if self.url is not None:
            return self.url(obj)
        get_url = getattr(obj, "get_absolute_url", None)
        return str(get_url()) if get_url else ""


REGISTRY: dict[str, LinkKind] = {}


def register(
    kind: str,
    model: str,
    label: str | Promise,
    *,
    staff: str = "staff",
    url: Callable[[Any], str] | None = None,
) -> None:
    REGISTRY[kind] = LinkKind(kind=kind, model=model, label=label, staff=staff, url=url)


def choices() -> list[tuple[str, str]]:
    return [(k.kind, str(k.label)) for k in REGISTRY.values()]


def register_defaults() -> None:
    register(
        "report",
        "reports.Report",
        _("Rapport"),
        staff="series.staff",
        url=lambda report: reverse("reports:report_detail", args=[report.pk]),
    )
    register(
        "communication_action",
        "communications.CommunicationAction",
        _("Kommunikativ åtgärd"),
    )
    if apps.is_installed("lagesbild.decisions"):
        register(
            "agreement",
            "decisions.Agreement",
            _("Överenskommelse"),
            url=lambda agreement: reverse("decisions:agreement_detail", args=[agreement.pk]),
        )
        register(
            "decision",
            "decisions.Decision",
            _("Beslut"),
            url=lambda decision: reverse("decisions:decision_detail", args=[decision.pk]),
        )
