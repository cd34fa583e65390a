"""The session store behind a UserSession row: whether it still lives, and ending it.

Django's session store is the truth: a row of UserSession is only the person's view of it
(browser, address, times). The engine is the project's SESSION_ENGINE, whatever it is.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase


def _store(session_key: str) -> SessionBase:
    engine = import_module(settings.SESSION_ENGINE)
    return engine.SessionStore(session_key)


def session_alive(session_key: str, user_id: int) -> bool:
    """Whether the stored session exists, has not expired and is still signed in as
    `user_id` (a session that signed out, or was ended, has lost its user)."""
    data = _store(session_key).load()
    return str(data.get(SESSION_KEY, "")) == str(user_id)


def session_delete(session_key: str) -> None:
    """Delete the stored session: the browser holding its cookie is signed out at its next
    request (the cookie then names nothing)."""
    _store(session_key).delete(session_key)
