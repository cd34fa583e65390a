"""`rete export-network`, the spelling of DESIGN.md: the same command as `export_network`."""

from rete.network.management.commands.export_network import Command

__all__ = ["Command"]
