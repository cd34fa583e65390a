"""Accounts use django.contrib.auth's User; roles are groups (see roles.py).

This module exists so that Django sends this app its post_migrate signal, which
only apps with a models module receive: the roles are synced on it.
"""
