"""`rete import-network`, the spelling of DESIGN.md: the same command as `import_network`."""

from rete.network.management.commands.import_network import Command

__all__ = ["Command"]
