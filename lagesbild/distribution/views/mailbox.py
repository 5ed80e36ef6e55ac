"""The demo's local mailbox: what the recipients received, as they would see it."""

from csp.decorators import csp_update
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lagesbild.accounts.permissions import require
from lagesbild.distribution.mailbox import mailbox_dir, mailbox_messages
from lagesbild.distribution.mailbox import mailbox_message as load_message


@require("read_deliveries")
def mailbox(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "distribution/mailbox.html",
        {"messages_list": mailbox_messages(), "directory": mailbox_dir()},
    )


# The e-mail's own inline styles show inside the sandboxed iframe (srcdoc inherits this page's
# Content Security Policy); the sandbox runs no script, so inline styles are the only relief.
@csp_update({"style-src": ["'unsafe-inline'"]})
@require("read_deliveries")
def mailbox_message(request: HttpRequest, key: str) -> HttpResponse:
    message = load_message(key)
    if message is None:
        raise Http404
    html_part = message.get_body(("html",))
    text_part = message.get_body(("plain",))
    attachments = [
        {
            "name": a.get_filename(),
            "type": a.get_content_type(),
            "size": len(a.get_payload(decode=True) or b""),
        }
        for a in message.iter_attachments()
    ]
    return render(
        request,
        "distribution/mailbox_message.html",
        {
            "key": key,
            "message": message,
            "subject": str(message["Subject"] or ""),
            "to": str(message["To"] or ""),
            "sender": str(message["From"] or ""),
            "date": str(message["Date"] or ""),
            "html": html_part.get_content() if html_part else "",
            "text": text_part.get_content() if text_part else "",
            "attachments": attachments,
        },
    )
