"""`rete rotate-encryption-key`, the spelling of the other commands: the same command as
`rotate_encryption_key`."""

from rete.privacy.management.commands.rotate_encryption_key import Command

__all__ = ["Command"]
