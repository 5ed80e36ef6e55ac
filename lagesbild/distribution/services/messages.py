"""The e-mail for one report version, rendered once from the same content as the web page."""

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lagesbild.lib.dates import short_stamp
from lagesbild.lib.emails import NAME_TOKEN, Attachment, MessageTemplate
from lagesbild.lib.markdown import markdown_to_text
from lagesbild.reports.citations import FOOTNOTE_REF
from lagesbild.reports.footnotes import footnotes_outside
from lagesbild.reports.models import Report
from lagesbild.reports.rendering import RenderedReport, report_render

# Outlook ignores style sheets in many versions, so every element carries its own style.
INLINE_STYLES = {
    "h1": "font-size:22px;margin:16px 0 8px;color:#1b1f24;",
    "h2": "font-size:18px;margin:20px 0 6px;color:#083b67;",
    "h3": "font-size:16px;margin:16px 0 4px;color:#083b67;",
    "h4": "font-size:15px;margin:12px 0 4px;",
    "p": "margin:0 0 10px;",
    "ul": "margin:0 0 10px;padding-left:22px;",
    "ol": "margin:0 0 10px;padding-left:22px;",
    "li": "margin:0 0 4px;",
    "a": "color:#0b4f8a;text-decoration:underline;",
    "blockquote": "margin:0 0 10px;padding-left:12px;border-left:3px solid #c9d1d9;",
}
_TAG = re.compile(r"<(h[1-6]|p|ul|ol|li|a|blockquote)(?=[\s>])")


def html_inline_styles(html: str) -> str:
    return _TAG.sub(lambda m: f'<{m.group(1)} style="{INLINE_STYLES.get(m.group(1), "")}"', html)


def report_url(report: Report) -> str:
    return settings.SITE_URL + reverse("reports:report_detail", args=[report.pk])


def plain_footnote_marks(text: str) -> str:
    """`[^3]` as `[3]`: the plain-text mail lists the footnotes under the same numbers."""
    return FOOTNOTE_REF.sub(r"[\1]", text)


def report_subject(report: Report, rendered: RenderedReport | None = None) -> str:
    """E.g. "Regional rapport nr 6, 2025-02-27 08.30"; extra reports and corrections say so."""
    subject = f"{report.title} nr {report.number}, {short_stamp(report.compiled_at)}"
    if report.kind == "extra":
        subject = _("Extra rapport: %(subject)s") % {"subject": subject}
    if report.corrects_id:
        subject = _("Rättelse: %(subject)s (version %(version)s)") % {
            "subject": subject,
            "version": report.version,
        }
    return subject


def pdf_filename(report: Report) -> str:
    return f"{report.series.slug}-nr{report.number}-v{report.version}.pdf"


def report_message_template(*, report: Report, attach_pdf: bool) -> MessageTemplate:
    """Render the report once: subject, text and HTML with a name placeholder, PDF if asked."""
    with translation.override(settings.LANGUAGE_CODE):
        rendered = report_render(report)
        context = {
            "report": report,
            "rendered": rendered,
            "url": report_url(report),
            "greeting": _("Hej%(name)s,") % {"name": NAME_TOKEN},
            "sections": [
                {
                    "heading": s.heading,
                    "level": min(max(s.level, 2), 4),
                    "text": plain_footnote_marks(markdown_to_text(s.markdown)),
                    "html": mark_safe(html_inline_styles(s.html)),
                }  # noqa: S308 - sanitised by nh3
                for s in rendered.sections
            ],
            "footnotes": footnotes_outside(rendered.footnotes),
            "is_correction": bool(report.corrects_id),
        }
        text = render_to_string("distribution/email/report.txt", context)
        html = render_to_string("distribution/email/report.html", context)
        subject = report_subject(report, rendered)
    attachments = []
    if attach_pdf:
        from lagesbild.lib.pdf import render_report_pdf

        attachments.append(
            Attachment(pdf_filename(report), "application/pdf", render_report_pdf(rendered))
        )
    return MessageTemplate(
        sender=settings.DEFAULT_FROM_EMAIL,
        subject=subject,
        text=text,
        html=html,
        attachments=attachments,
        headers={"Content-Language": "sv"},
    )
