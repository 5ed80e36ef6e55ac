from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from lagesbild.accounts.permissions import add_as_argument, person_for_cli
from lagesbild.distribution.models import DistributionList
from lagesbild.distribution.services import report_distribute
from lagesbild.reports.models import Report, ReportState

BY_LABEL = "kommandoraden (lagesbild publish)"


class Command(BaseCommand):
    help = (
        "Godkänn och publicera en rapport (som en loggad åtgärd från kommandoraden) och skicka "
        "den till seriens sändlistor och de listor som anges med --list."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report_id", type=int, metavar="ID")
        parser.add_argument(
            "--list",
            action="append",
            default=[],
            dest="lists",
            metavar="NAMN",
            help="Skicka även till den här sändlistan (kan anges flera gånger).",
        )
        add_as_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        from lagesbild.reports.services import (
            ReportError,
            report_approve,
            report_publish,
            report_submit_for_review,
        )

        report = Report.objects.select_related("series").filter(pk=options["report_id"]).first()
        if report is None:
            raise CommandError(f"Rapport {options['report_id']} finns inte.")
        staff = report.series.staff
        # Acting for a person: they need every step the command takes for them.
        by = person_for_cli(options["as_user"], "publish_report", staff)
        if by is not None and report.state in (ReportState.DRAFT, ReportState.REVIEW):
            person_for_cli(options["as_user"], "approve_report", staff)
        label = "" if by else BY_LABEL
        extra = []
        for name in options["lists"]:
            found = DistributionList.objects.filter(
                staff_id=report.series.staff_id, name=name
            ).first()
            if found is None:
                raise CommandError(f"Sändlistan ”{name}” finns inte för stabens rapporter.")
            extra.append(found)
        try:
            with transaction.atomic():
                # The same moves as in the editor, recorded as a command-line action.
                if report.state == ReportState.DRAFT:
                    report_submit_for_review(report=report, by=by, by_label=label)
                if report.state == ReportState.REVIEW:
                    report_approve(report=report, by=by, by_label=label)
                if report.state == ReportState.APPROVED:
                    report_publish(report=report, by=by, by_label=label)
                dispatch = report_distribute(
                    report=report, by=by, by_label=label, extra_lists=extra
                )
        except ReportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Rapport {report.pk} är publicerad.")
        if dispatch is None:
            self.stdout.write("Inga sändlistor: inget skickas.")
        else:
            names = ", ".join(sorted(lst.name for lst in dispatch.lists.all()))
            self.stdout.write(
                f"Utskicket till {names} ligger i kön; `lagesbild worker` skickar det. "
                f"Följ det med `lagesbild deliveries {report.pk}`."
            )
