"""Fixtures shared by the whole suite. Each capability's folder adds its own conftest."""
