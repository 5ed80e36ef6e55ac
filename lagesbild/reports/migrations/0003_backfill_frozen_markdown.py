"""Fill frozen_markdown for reports published before 0002 added it.

Without it, a report published earlier still renders from the live actions, links and
spokespersons, so editing a shared item changed published reports. The Markdown is made as
reports.rendering made it at the time (repeated here: a migration must not import the app's
current code, which may differ from the schema it runs against).
"""

from django.db import migrations

ACTIONS, LINKS, SPOKESPERSONS = "actions", "links", "spokespersons"


def _link(title, url):
    title = title.replace("[", "\\[").replace("]", "\\]")
    return f"[{title}](<{url}>)" if " " in url else f"[{title}]({url})"


def _items(section):
    if section.kind == ACTIONS:
        actions = sorted(section.actions.all(), key=lambda a: (a.date, a.pk), reverse=True)
        return [
            f"- {a.date.day}/{a.date.month}: {_link(a.title, a.url) if a.url else a.title}"
            for a in actions
        ]
    if section.kind == LINKS and section.link_collection_id:
        links = section.link_collection.links.order_by("position", "id")
        return [f"- {_link(link.title, link.url)}" for link in links]
    if section.kind == SPOKESPERSONS:
        people = section.spokespersons.order_by("position", "name")
        return [f"- {p.name}, {p.title}" if p.title else f"- {p.name}" for p in people]
    return []


def backfill(apps, schema_editor):
    ReportSection = apps.get_model("reports", "ReportSection")
    sections = ReportSection.objects.filter(
        report__state="published", frozen_markdown__isnull=True
    ).select_related("link_collection")
    for section in sections.iterator(chunk_size=500):
        parts = [section.body.strip(), "\n".join(_items(section))]
        section.frozen_markdown = "\n\n".join(p for p in parts if p)
        section.save(update_fields=["frozen_markdown"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_section_frozen_markdown")]

    # Reversing leaves the frozen text: it is what those reports said when published.
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
