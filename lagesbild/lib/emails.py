"""Outgoing mail: the SMTP URL, one reused connection, and messages personalised from one template.

Django's mail backend builds each message with the `email` package (slow for thousands of
copies) and hides the per-recipient SMTP answer; delivery tracking needs that answer and
whether the message body reached the server, so this module speaks SMTP with smtplib.
"""

import binascii
import re
import smtplib
import socket
import ssl
import uuid
from base64 import encodebytes
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr, formatdate
from html import escape
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

# Placeholders in the pre-rendered bodies, replaced per recipient.
NAME_TOKEN = "\x00NAME\x00"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str = ""
    password: str = ""
    tls: bool = False  # implicit TLS (smtps)
    starttls: bool = False
    timeout: float = 30.0


def smtp_settings_parse(url: str) -> SmtpSettings:
    """`smtp://user:pw@host:587?starttls=true`, `smtps://host` (port 465), `smtp://host` (25)."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ValueError(f"LAGESBILD_SMTP_URL must start with smtp:// or smtps://, not {url!r}")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    tls = parts.scheme == "smtps"
    return SmtpSettings(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or (465 if tls else 25),
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        tls=tls,
        starttls=query.get("starttls", "").lower() in {"1", "true", "yes", "on"},
        timeout=float(query.get("timeout", "30")),
    )


def smtp_connect(cfg: SmtpSettings) -> smtplib.SMTP:
    """Open and, if asked, secure and authenticate one connection; raises OSError/SMTPException."""
    conn: smtplib.SMTP
    if cfg.tls:
        conn = smtplib.SMTP_SSL(
            cfg.host, cfg.port, timeout=cfg.timeout, context=ssl.create_default_context()
        )
    else:
        conn = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
    conn.ehlo_or_helo_if_needed()
    if cfg.starttls:
        conn.starttls(context=ssl.create_default_context())
        conn.ehlo()
    if cfg.username:
        conn.login(cfg.username, cfg.password)
    return conn


def smtp_close(conn: smtplib.SMTP | None) -> None:
    if conn is None:
        return
    try:
        conn.quit()
    except (OSError, smtplib.SMTPException):
        conn.close()


@dataclass(frozen=True)
class Outcome:
    """What happened to one message.

    kind: "sent"; "temporary" (4xx or the connection failed before the body was sent: retry);
    "permanent" (5xx or an invalid address: do not retry); "uncertain" (the connection broke
    after the whole body was sent but before the server answered).
    """

    kind: str
    code: int | None
    response: str


def address_problem(address: str) -> str:
    """A Swedish reason why the address cannot be sent to, or "" if it looks fine."""
    try:
        validate_email(address)
    except ValidationError:
        return "Ogiltig e-postadress"
    if any(c in address for c in '\r\n<>,;"') or not address.isascii():
        return "Ogiltig e-postadress (otillåtna tecken)"
    return ""


_LEADING_DOT = re.compile(rb"(?m)^\.")


def _answer(code: int, resp: bytes | str) -> str:
    text = resp.decode("utf-8", "replace") if isinstance(resp, bytes) else resp
    return f"{code} {text}".strip()


def _outcome_for(code: int, resp: bytes | str) -> Outcome:
    kind = "temporary" if 400 <= code < 500 else "permanent"
    return Outcome(kind, code, _answer(code, resp))


def smtp_send(conn: smtplib.SMTP, *, sender: str, recipient: str, message: bytes) -> Outcome:
    """Send one message to one recipient over an open connection and classify the answer.

    1. MAIL and RCPT: a refusal there is the server's verdict (4xx retry, 5xx give up),
       and the connection is reset for the next message.
    2. DATA: only a broken connection after the whole body was written is "uncertain".
    """
    body_sent = False
    try:
        code, resp = conn.mail(sender)
        if code != 250:
            conn.rset()
            return _outcome_for(code, resp)
        code, resp = conn.rcpt(recipient)
        if code not in (250, 251):
            conn.rset()
            return _outcome_for(code, resp)
        code, resp = conn.docmd("data")
        if code != 354:
            conn.rset()
            return _outcome_for(code, resp)
        data = _LEADING_DOT.sub(b"..", message)
        if not data.endswith(b"\r\n"):
            data += b"\r\n"
        conn.send(data + b".\r\n")
        body_sent = True
        code, resp = conn.getreply()
    except (OSError, smtplib.SMTPServerDisconnected) as exc:
        if body_sent:
            return Outcome(
                "uncertain", None, f"Förbindelsen bröts efter att brevet skickats: {exc}"
            )
        raise
    if code == 250:
        return Outcome("sent", code, _answer(code, resp))
    return _outcome_for(code, resp)


# --- Messages -----------------------------------------------------------------------------


def _qp(text: str) -> bytes:
    """Quoted-printable UTF-8 with CRLF line ends, as Outlook and every other client read it."""
    raw = text.replace("\r\n", "\n").encode("utf-8")
    encoded = binascii.b2a_qp(raw, quotetabs=False, istext=True, header=False)
    return encoded.replace(b"\n", b"\r\n")


def _header(value: str) -> str:
    return value if value.isascii() else Header(value, "utf-8").encode()


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


class MessageTemplate:
    """A message rendered once and personalised cheaply for each recipient.

    The text and HTML bodies contain NAME_TOKEN where the recipient's name goes; the
    headers, the boundaries and the base64 attachment are encoded once.
    """

    def __init__(
        self,
        *,
        sender: str,
        subject: str,
        text: str,
        html: str,
        attachments: list[Attachment] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        token = uuid.uuid4().hex
        self.sender = sender
        self._alt = f"alt-{token}".encode()
        self._mixed = f"mixed-{token}".encode()
        self._text = text
        self._html = html
        self._has_name = NAME_TOKEN in text or NAME_TOKEN in html
        self._domain = sender.rpartition("@")[2] or "localhost"
        head = [
            f"From: {sender}",
            f"Subject: {_header(subject)}",
            "MIME-Version: 1.0",
            *(f"{k}: {_header(v)}" for k, v in (headers or {}).items()),
        ]
        self._head = ("\r\n".join(head) + "\r\n").encode()
        tail = b""
        for a in attachments or []:
            name = _header(a.filename)
            tail += (
                b"--"
                + self._mixed
                + b"\r\n"
                + f'Content-Type: {a.content_type}; name="{name}"\r\n'.encode()
                + b"Content-Transfer-Encoding: base64\r\n"
                + f'Content-Disposition: attachment; filename="{name}"\r\n\r\n'.encode()
                + encodebytes(a.content).replace(b"\n", b"\r\n")
            )
        self._tail = tail
        if not self._has_name:
            self._alternative = self._render_alternative(text, html)

    def _render_alternative(self, text: str, html: str) -> bytes:
        b = self._alt
        return (
            b'Content-Type: multipart/alternative; boundary="' + b + b'"\r\n\r\n'
            b"--" + b + b"\r\n"
            b'Content-Type: text/plain; charset="utf-8"\r\n'
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + _qp(text) + b"\r\n"
            b"--" + b + b"\r\n"
            b'Content-Type: text/html; charset="utf-8"\r\n'
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + _qp(html) + b"\r\n"
            b"--" + b + b"--\r\n"
        )

    def personalise(
        self, *, address: str, name: str, fill: str | None = None, date: str | None = None
    ) -> bytes:
        """The complete message (CRLF line ends) for one recipient; `fill` replaces NAME_TOKEN."""
        if self._has_name:
            fill = name if fill is None else fill
            alternative = self._render_alternative(
                self._text.replace(NAME_TOKEN, fill),
                self._html.replace(NAME_TOKEN, escape(fill)),
            )
        else:
            alternative = self._alternative
        to = formataddr((name, address), charset="utf-8") if name else address
        head = (
            self._head
            + f"To: {to}\r\nDate: {date or formatdate(localtime=True)}\r\n"
            f"Message-ID: <{uuid.uuid4().hex}@{self._domain}>\r\n".encode()
        )
        if not self._tail:
            return head + alternative
        m = self._mixed
        return (
            head
            + b'Content-Type: multipart/mixed; boundary="'
            + m
            + b'"\r\n\r\n'
            + b"--"
            + m
            + b"\r\n"
            + alternative
            + self._tail
            + b"--"
            + m
            + b"--\r\n"
        )


def local_hostname() -> str:
    return socket.gethostname()


def plain_mail_send(
    *, smtp_url: str, sender: str, recipients: list[str], subject: str, text: str
) -> int:
    """Send one short plain notice (an escalation, a reminder) to each address; returns sent.

    Raises OSError/SMTPException when the server cannot be reached, so a task can retry.
    """
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    message = MessageTemplate(
        sender=sender,
        subject=subject.replace("\r", " ").replace("\n", " "),
        text=text,
        html=paragraphs,
    )
    if not recipients:
        return 0
    sent = 0
    conn = smtp_connect(smtp_settings_parse(smtp_url))
    try:
        for address in recipients:
            if address_problem(address):
                continue
            outcome = smtp_send(
                conn,
                sender=sender,
                recipient=address,
                message=message.personalise(address=address, name=""),
            )
            sent += outcome.kind == "sent"
    finally:
        smtp_close(conn)
    return sent
