"""Writing a parsed report back in the house style, exactly as reports.rendering exports it."""

from datetime import tzinfo

from lagesbild.reports.house_style.dates import compiled_at_format
from lagesbild.reports.house_style.items import item_markdown
from lagesbild.reports.house_style.structure import STOCKHOLM, ParsedReport


def serialize_house_style(parsed: ParsedReport, *, tz: tzinfo = STOCKHOLM) -> str:
    out = [f"# {parsed.title}", f"Sammanställd: {compiled_at_format(parsed.compiled_at, tz=tz)}"]
    for section in parsed.sections:
        if section.heading:
            out.append(f"{'#' * section.level} {section.heading}")
        items = "\n".join(item_markdown(item) for item in section.items)
        content = "\n\n".join(part for part in (section.body.strip(), items) if part)
        if content:
            out.append(content)
    return "\n\n".join(out) + "\n"
