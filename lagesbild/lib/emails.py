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
from email.utils import formataddr, formatdate, parseaddr
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


def _reset(conn: smtplib.SMTP, code: int) -> None:
    """Ready the connection for the next message; after 421 the server has already closed it."""
    if code == 421:
        return
    conn.rset()


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
            _reset(conn, code)
            return _outcome_for(code, resp)
        code, resp = conn.rcpt(recipient)
        if code not in (250, 251):
            _reset(conn, code)
            return _outcome_for(code, resp)
        code, resp = conn.docmd("data")
        if code != 354:
            _reset(conn, code)
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


# Everything that ends a line somewhere (CR, LF, VT, FF, the Unicode separators) or is a control
# character: a header value carrying one could start a header of its own (Bcc: …).
_LINE_BREAKING = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
_HEADER_NAME = re.compile(r"^[!-9;-~]+$")


def header_value(value: str) -> str:
    """A header value on one line: line breaks and control characters become one space."""
    return _LINE_BREAKING.sub(" ", value).strip()


def _qp_parts(text: str) -> list[bytes | str]:
    """`text` quoted-printable, split so that only lines with NAME_TOKEN are left to encode per
    recipient (as str); the rest are encoded once (bytes). Quoted-printable encodes line by
    line, so joining the parts gives exactly _qp of the whole."""
    lines = text.replace("\r\n", "\n").split("\n")
    parts: list[bytes | str] = []
    done: list[str] = []
    for i, line in enumerate(lines):
        piece = line if i == len(lines) - 1 else line + "\n"
        if NAME_TOKEN in line:
            if done:
                parts.append(_qp("".join(done)))
                done = []
            parts.append(piece)
        else:
            done.append(piece)
    if done:
        parts.append(_qp("".join(done)))
    return parts


def _qp_fill(parts: list[bytes | str], fill: str) -> bytes:
    return b"".join(p if isinstance(p, bytes) else _qp(p.replace(NAME_TOKEN, fill)) for p in parts)


def _header(value: str) -> str:
    value = header_value(value)
    # Long ASCII values are encoded too, so that folding (CRLF + space) is done by the encoder.
    return value if value.isascii() and len(value) < 900 else Header(value, "utf-8").encode()


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
        self._domain = parseaddr(header_value(sender))[1].rpartition("@")[2] or "localhost"
        for key in headers or {}:
            if not _HEADER_NAME.match(key):
                raise ValueError(f"Not a header name: {key!r}")
        head = [
            f"From: {header_value(sender)}",
            f"Subject: {_header(subject)}",
            "MIME-Version: 1.0",
            *(f"{k}: {_header(v)}" for k, v in (headers or {}).items()),
        ]
        self._head = ("\r\n".join(head) + "\r\n").encode()
        tail = b""
        for a in attachments or []:
            name = _header(a.filename).replace('"', "'")
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
        # Encoded once; per recipient only the lines holding the name are encoded.
        self._text_parts = _qp_parts(text)
        self._html_parts = _qp_parts(html)
        if not self._has_name:
            self._alternative = self._render_alternative(text, html)

    def _render_alternative(self, text: str, html: str) -> bytes:
        return self._wrap_alternative(_qp(text), _qp(html))

    def _wrap_alternative(self, text: bytes, html: bytes) -> bytes:
        b = self._alt
        return (
            b'Content-Type: multipart/alternative; boundary="' + b + b'"\r\n\r\n'
            b"--" + b + b"\r\n"
            b'Content-Type: text/plain; charset="utf-8"\r\n'
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + text + b"\r\n"
            b"--" + b + b"\r\n"
            b'Content-Type: text/html; charset="utf-8"\r\n'
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + html + b"\r\n"
            b"--" + b + b"--\r\n"
        )

    def personalise(
        self, *, address: str, name: str, fill: str | None = None, date: str | None = None
    ) -> bytes:
        """The complete message (CRLF line ends) for one recipient; `fill` replaces NAME_TOKEN."""
        if self._has_name:
            fill = name if fill is None else fill
            alternative = self._wrap_alternative(
                _qp_fill(self._text_parts, fill), _qp_fill(self._html_parts, escape(fill))
            )
        else:
            alternative = self._alternative
        name, address = header_value(name), header_value(address)
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
