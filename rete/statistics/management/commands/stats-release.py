"""`rete stats-release`, the spelling of the issue: the same command as `stats_release`."""

from rete.statistics.management.commands.stats_release import Command

__all__ = ["Command"]
