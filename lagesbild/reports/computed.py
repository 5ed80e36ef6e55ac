"""Sections whose content another app computes: the decision basis's heat map and options
matrix, the joint report's method and material… Apps register a renderer in their
AppConfig.ready(); reports imports none of them. The Markdown is made like any section's, so
the page, e-mail, PDF, Word file and diff show it, and publishing freezes it.

A renderer registered with `per_report=True` is also given the report, so what it shows can
follow a choice made for that report (the options a decision basis covers). Such a choice is
made on a page of the contributing app; `report_choice` registers what the report's editor
page says about it and where it is changed."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lagesbild.reports.models import Report
from lagesbild.staff.models import Staff


@dataclass(frozen=True)
class Computed:
    key: str
    label: Any  # a lazy translation, shown when choosing the section in a template
    render: Callable[..., str]
    per_report: bool = False  # render(staff, report=…) instead of render(staff)


COMPUTED: dict[str, Computed] = {}


def computed_section(
    key: str, *, label: Any, per_report: bool = False
) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Register a function (staff) -> house-style Markdown under `key`; with per_report, the
    function is (staff, *, report) and report is None outside a report (a preview)."""

    def register(render: Callable[..., str]) -> Callable[..., str]:
        COMPUTED[key] = Computed(key=key, label=label, render=render, per_report=per_report)
        return render

    return register


def computed_markdown(key: str, staff: Staff, report: Report | None = None) -> str:
    found = COMPUTED.get(key)
    if found is None:
        return ""
    text = found.render(staff, report=report) if found.per_report else found.render(staff)
    return str(text).strip()


def computed_choices() -> list[tuple[str, Any]]:
    return [(c.key, c.label) for c in COMPUTED.values()]


@dataclass(frozen=True)
class ReportChoice:
    """A choice about what a report covers, as its editor page shows it."""

    label: str  # e.g. "Vad underlaget omfattar"
    summary: str  # e.g. "2 av 3 vägval; alla aktiva risker"
    url: str  # the page where it is changed
    editable: bool  # False once the report is approved: the choice is then fixed


CHOICES: list[Callable[[Report], ReportChoice | None]] = []


def report_choice(
    describe: Callable[[Report], ReportChoice | None],
) -> Callable[[Report], ReportChoice | None]:
    """Register a function report -> ReportChoice (None when it does not concern the report)."""
    CHOICES.append(describe)
    return describe


def report_choices(report: Report) -> list[ReportChoice]:
    return [c for describe in CHOICES if (c := describe(report)) is not None]
