"""The demo's local mailbox: an SMTP server on loopback that stores messages in the data dir.

When LAGESBILD_SMTP_URL is not set, `lagesbild worker` starts it and sends there, so a
newcomer sees in the app exactly what the politicians would have received.
"""

import email
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

KEEP = 500  # the newest messages shown; older files stay on disk


def mailbox_dir() -> Path:
    return Path(settings.DATA_DIR) / "mailbox"


class MailboxHandler:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
        for rcpt in envelope.rcpt_tos:
            name = f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            header = f"X-Lagesbild-Envelope-To: {rcpt}\r\n".encode()
            (self.directory / name).write_bytes(header + envelope.original_content)
        return "250 Sparat i den lokala brevlådan"


def mailbox_start() -> tuple[Any, str]:
    """Start the mailbox server on a free loopback port; returns (controller, smtp url)."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(MailboxHandler(mailbox_dir()), hostname="127.0.0.1", port=port)
    controller.start()
    return controller, f"smtp://127.0.0.1:{port}"


@dataclass(frozen=True)
class StoredMessage:
    key: str
    to: str
    subject: str
    date: datetime | None


def _key_ok(key: str) -> bool:
    return key.endswith(".eml") and "/" not in key and "\\" not in key and not key.startswith(".")


def mailbox_messages(limit: int = KEEP) -> list[StoredMessage]:
    directory = mailbox_dir()
    if not directory.is_dir():
        return []
    files = sorted(directory.glob("*.eml"), reverse=True)[:limit]
    out = []
    for path in files:
        with path.open("rb") as fh:
            head = email.message_from_binary_file(fh, policy=default_policy, _class=EmailMessage)
        try:
            date = head["Date"].datetime if head["Date"] else None
        except (TypeError, ValueError, AttributeError):
            date = None
        out.append(
            StoredMessage(
                key=path.name,
                to=str(head["To"] or head["X-Lagesbild-Envelope-To"] or ""),
                subject=str(head["Subject"] or ""),
                date=date,
            )
        )
    return out


def mailbox_message(key: str) -> EmailMessage | None:
    if not _key_ok(key):
        return None
    path = mailbox_dir() / key
    if not path.is_file():
        return None
    return email.message_from_bytes(path.read_bytes(), policy=default_policy)  # type: ignore[return-value]
