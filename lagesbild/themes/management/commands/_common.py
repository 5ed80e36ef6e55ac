"""Shared by the analysis verbs: find the collection or stop with a Swedish message."""

from django.core.management.base import CommandError

from lagesbild.experiences.models import Collection


def collection_or_error(slug: str) -> Collection:
    collection = Collection.objects.filter(slug=slug).first()
    if collection is None:
        raise CommandError(f"Insamlingen {slug!r} finns inte.")
    return collection
