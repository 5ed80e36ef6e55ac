"""A person's own notifications and their choices; nobody sees anyone else's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lagesbild.notifications import services
from lagesbild.notifications.forms import PreferencesForm
from lagesbild.notifications.models import Notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notes = Notification.objects.filter(user=request.user.pk, on_start_page=True)[:100]
    return render(request, "notifications/list.html", {"notes": notes})


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    services.notifications_mark_read(user=request.user, ids=ids)  # type: ignore[arg-type]
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse("")
    messages.success(request, _("Aviseringarna är markerade som lästa."))
    return redirect(request.POST.get("next") or "notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    current = services.preferences_for(user=request.user)  # type: ignore[arg-type]
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.choices())  # type: ignore[arg-type]
        messages.success(request, _("Dina val är sparade."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
