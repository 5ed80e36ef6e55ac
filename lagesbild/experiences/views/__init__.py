"""Views of the experience collection, one module per area."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from lagesbild.accounts.permissions import check_staff
from lagesbild.experiences.models import Collection


def collection_for(request: HttpRequest, slug: str, action: str) -> Collection:
    """The collection, if the user may perform the action in its staff (403 otherwise)."""
    collection = get_object_or_404(Collection.objects.select_related("staff"), slug=slug)
    check_staff(request, action, collection.staff)
    return collection
