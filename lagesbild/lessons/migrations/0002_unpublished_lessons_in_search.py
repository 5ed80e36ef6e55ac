"""Search entries of lessons that are not published need `read_drafts`, as lessons/indexing.py
now writes them; before, every lesson's entry asked only `lesson_view`, so readers found
unpublished lessons. Only the permission column changes (the indexed text stays)."""

from django.db import migrations

# Repeated from lessons/access.py: a migration must not import the app's current code.
UNPUBLISHED = "read_drafts"


def forward(apps, schema_editor):
    Lesson = apps.get_model("lessons", "Lesson")
    SearchDocument = apps.get_model("search", "SearchDocument")
    unpublished = Lesson.objects.filter(is_published=False).values("pk")
    SearchDocument.objects.filter(kind="lesson", object_id__in=unpublished).update(
        action=UNPUBLISHED
    )


def backward(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchDocument.objects.filter(kind="lesson").update(action="lesson_view")


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0001_initial"),
        ("search", "0003_stored_vector"),
    ]

    operations = [migrations.RunPython(forward, backward)]
