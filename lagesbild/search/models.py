from django.db import models
from django.utils.translation import gettext_lazy as _

from lagesbild.staff.models import Staff


class SearchDocument(models.Model):
    """One findable thing: its text as a reader may see it, and who may open it.

    Written by the owning app's service in the same transaction as the change, so the index
    never lags. `action` is the permission needed in `staff`; public things need none.
    """

    kind = models.CharField(_("slag"), max_length=40)
    object_id = models.PositiveBigIntegerField()
    staff = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.CASCADE)
    action = models.CharField(max_length=60)
    is_public = models.BooleanField(default=False)
    title = models.CharField(_("rubrik"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    date = models.DateTimeField(_("datum"), null=True, blank=True, db_index=True)
    url = models.CharField(max_length=500)

    class Meta:
        verbose_name = _("sökpost")
        verbose_name_plural = _("sökindex")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")
        ]
        indexes = [models.Index(fields=["staff", "action"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
