"""Sending notices: `notify` writes one notice per recipient and e-mails it after the
transaction commits (a rolled-back change tells nobody). Notices carry no personal data of
the women helped by the network: subjects and texts name territories, services,
questionnaires and deadlines."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from rete.notices.models import Notice

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[Rete Antiviolenza] "


def _email_after_commit(notice: Notice, address: str) -> None:
    body = notice.body
    if notice.url:
        body = f"{body}\n\n{settings.SITE_URL}{notice.url}".strip()

    def send() -> None:
        send_mail(SUBJECT_PREFIX + notice.subject, body, None, [address])
        Notice.objects.filter(pk=notice.pk).update(emailed=True)

    # robust: the change is committed; a mail server down must not undo it nor turn it
    # into an error page. The notice stays in the reserved area either way.
    transaction.on_commit(send, robust=True)


def notify(
    recipients: Iterable[AbstractBaseUser],
    *,
    key: str,
    subject: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> list[Notice]:
    """Give each recipient the notice `key` unless they already have it; returns the
    notices made. `subject` and `body` are already in the language to send (the
    interface's); `url` is a path of the site ("/area-riservata/...")."""
    if url and not url.startswith("/"):
        raise ValueError("A notice links to a path of the site.")
    made: list[Notice] = []
    seen: set[int] = set()
    for person in recipients:
        if person.pk in seen:
            continue
        seen.add(person.pk)
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    recipient=person,
                    key=key[:120],
                    subject=subject[:200],
                    body=body,
                    url=url,
                )
        except IntegrityError:  # already told (a reminder run twice)
            continue
        made.append(notice)
        if email and person.email:
            _email_after_commit(notice, person.email)
    if made:
        logger.info("notices sent: key=%s count=%d", key.split(".")[0], len(made))
    return made


def notices_mark_read(person: AbstractBaseUser, *, pk: int | None = None) -> int:
    """Mark one of `person`'s notices (or all of them) as read; returns how many changed."""
    unread = Notice.objects.filter(recipient=person, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())
