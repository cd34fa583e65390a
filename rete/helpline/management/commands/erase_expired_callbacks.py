"""`rete erase-expired-callbacks`: erase the numbers of call-backs not made in time.

A number is kept only until its call-back is done or expires (CALLBACK_EXPIRES_AFTER after it
was due). Run it every few minutes (cron, a systemd timer, or the scheduler of the task
workers); the console also runs it when the call-back list is opened. Prints how many
numbers it erased, never a number.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from rete.helpline.contacts.services import callback_erase_expired


class Command(BaseCommand):
    help = "Erase the numbers of expired call-backs (each erasure is audited)."

    def handle(self, *args: object, **options: object) -> None:
        erased = callback_erase_expired(now=timezone.now())
        self.stdout.write(f"Expired call-backs erased: {erased}")
