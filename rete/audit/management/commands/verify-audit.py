"""`rete verify-audit`, the spelling of the issue: the same command as `verify_audit`."""

from rete.audit.management.commands.verify_audit import Command

__all__ = ["Command"]
