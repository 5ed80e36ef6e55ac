"""The publish step's confirmation, the self-updating delivery counts, and one-step fixes.

Views only: sending stays in distribution.services (deliveries_resend queues, the worker sends).
"""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.accounts.permissions import check_staff, may_map, require
from lagesbild.accounts.services import audit_record
from lagesbild.distribution.models import Delivery, DeliveryState, Recipient
from lagesbild.distribution.services import deliveries_resend, delivery_counts
from lagesbild.distribution.services.dispatching import series_distribution_get
from lagesbild.lib.emails import address_problem
from lagesbild.reports.models import Report


@require("publish_report")
def report_publish_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Name the lists and count the people who will get the e-mail before anything is sent."""
    report = get_object_or_404(Report.objects.select_related("series__staff"), pk=pk)
    check_staff(request, "publish_report", report.series.staff)
    config = series_distribution_get(series_id=report.series_id)
    lists = list(config.lists.all())
    recipients = (
        Recipient.objects.filter(distribution_list__in=lists)
        .annotate(address=Lower("email"))
        .values("address")
        .distinct()
        .count()
    )
    return render(
        request,
        "distribution/publish_confirm.html",
        {
            "report": report,
            "lists": [(lst, lst.recipients.count()) for lst in lists],
            "recipients": recipients,
            "attach_pdf": config.attach_pdf,
            "may": may_map(request.user, report.series.staff),
        },
    )


@require("read_deliveries")
def report_delivery_counts(request: HttpRequest, pk: int) -> HttpResponse:
    """The counts fragment the delivery page polls while mail is still queued."""
    report = get_object_or_404(Report.objects.select_related("series__staff"), pk=pk)
    check_staff(request, "read_deliveries", report.series.staff)
    return render(
        request,
        "distribution/_delivery_counts.html",
        {"report": report, "counts": delivery_counts(report=report)},
    )


@require("manage_distribution")
@require_POST
def delivery_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a failed address and queue it again in one step; the list is corrected too."""
    delivery = get_object_or_404(Delivery.objects.select_related("report__series__staff"), pk=pk)
    report = delivery.report
    check_staff(request, "manage_distribution", report.series.staff)
    address = request.POST.get("address", "").strip().lower()
    if problem := address_problem(address):
        messages.error(
            request, _("%(address)s: %(problem)s") % {"address": address, "problem": problem}
        )
        return redirect("distribution:report_deliveries", pk=report.pk)
    if delivery.state not in (DeliveryState.FAILED, DeliveryState.UNCERTAIN):
        messages.error(request, _("Bara misslyckade eller osäkra utskick kan rättas."))
        return redirect("distribution:report_deliveries", pk=report.pk)
    old = delivery.address
    try:
        with transaction.atomic():
            Delivery.objects.filter(pk=delivery.pk).update(address=address, smtp_response="")
            Recipient.objects.filter(
                email__iexact=old, distribution_list__staff=report.series.staff
            ).update(email=address)
            audit_record(
                actor=request.user,  # type: ignore[arg-type]
                action="delivery.correct",
                obj=report,
                summary=_("Rättade adressen %(old)s till %(new)s") % {"old": old, "new": address},
                details={"delivery": delivery.pk, "old": old, "new": address},
            )
            deliveries_resend(
                report=report,
                by=request.user,  # type: ignore[arg-type]
                states=[delivery.state],
                ids=[delivery.pk],
            )
    except IntegrityError:
        messages.error(request, _("%(address)s har redan fått rapporten.") % {"address": address})
        return redirect("distribution:report_deliveries", pk=report.pk)
    messages.success(
        request,
        _("Adressen är rättad och rapporten skickas till %(address)s.") % {"address": address},
    )
    return redirect("distribution:report_deliveries", pk=report.pk)


@require("manage_distribution")
@require_POST
def recipient_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a recipient's name or address in place (htmx answers with the new row)."""
    recipient = get_object_or_404(
        Recipient.objects.select_related("distribution_list__staff"), pk=pk
    )
    lst = recipient.distribution_list
    check_staff(request, "manage_distribution", lst.staff)
    name = request.POST.get("name", "").strip()[:200]
    address = request.POST.get("email", "").strip().lower()
    error = address_problem(address) or ("" if name else _("Skriv ett namn."))
    if not error:
        try:
            with transaction.atomic():
                old = (recipient.name, recipient.email)
                recipient.name, recipient.email = name, address
                recipient.save(update_fields=["name", "email"])
                audit_record(
                    actor=request.user,  # type: ignore[arg-type]
                    action="recipient.edit",
                    obj=lst,
                    summary=_("Ändrade %(old)s till %(new)s") % {"old": old[1], "new": address},
                    details={"recipient": recipient.pk, "old": list(old), "new": [name, address]},
                )
        except IntegrityError:
            recipient.refresh_from_db()
            error = _("Adressen finns redan på listan.")
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "distribution/_recipient_row.html", {"r": recipient, "error": error})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("%(who)s är ändrad.") % {"who": recipient})
    return redirect("distribution:list_detail", pk=lst.pk)
