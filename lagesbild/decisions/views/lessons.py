"""Which lessons a risk or a finding rests on."""

from typing import cast

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lagesbild.accounts.permissions import check_staff, require
from lagesbild.decisions.forms import LessonLinkForm
from lagesbild.decisions.models import Finding, Risk
from lagesbild.decisions.services.lessons import lessons_link
from lagesbild.staff.pages import actor, form_flow, get_object_or_404

# The URL's word for each kind of object that cites lessons.
KINDS: dict[str, type[Risk] | type[Finding]] = {"risk": Risk, "iakttagelse": Finding}


@require("prepare_decisions")
def lessons_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    obj = cast(Risk | Finding, get_object_or_404(model, pk=pk))
    staff = obj.staff
    check_staff(request, "prepare_decisions", staff)
    data = request.POST if request.method == "POST" else None
    form = LessonLinkForm(data, staff=staff, initial={"lessons": list(obj.lessons.all())})
    return form_flow(
        request,
        form,
        save=lambda: lessons_link(
            obj=obj, lessons=list(form.cleaned_data["lessons"]), by=actor(request)
        ),
        message=_("Lärdomarna är sparade."),
        then=obj.get_absolute_url(),
        title=_("Lärdomar som %(what)s vilar på") % {"what": obj.code},
        staff=staff,
    )
