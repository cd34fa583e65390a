"""`rete generate-contacts`: the same command as `generate_contacts`."""

from rete.statistics.management.commands.generate_contacts import Command

__all__ = ["Command"]
