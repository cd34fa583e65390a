"""`rete create-api-token`, the spelling of DESIGN.md and of the issue."""

from rete.accounts.management.commands.create_api_token import Command

__all__ = ["Command"]
