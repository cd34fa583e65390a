"""`rete accounts-review`, the spelling of the issue."""

from rete.accounts.management.commands.accounts_review import Command

__all__ = ["Command"]
