"""`rete demo-code`, the spelling of the README: the same command as `demo_code`."""

from rete.demo.management.commands.demo_code import Command

__all__ = ["Command"]
