"""`rete erase-expired-callbacks`: the same command as `erase_expired_callbacks`."""

from rete.helpline.management.commands.erase_expired_callbacks import Command

__all__ = ["Command"]
