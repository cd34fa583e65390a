"""`rete send-reminders`: the same command as `send_reminders`."""

from rete.notices.management.commands.send_reminders import Command

__all__ = ["Command"]
