"""The ASGI application: Django's HTTP views and the WebSockets of Django Channels.

`rete runserver` serves it (daphne is the first installed app), and so does the ASGI
process of production that the load balancer sends /ws/ to (README, "How production
serves it"). The WebSockets trust only pages of our own hosts (ALLOWED_HOSTS) and know the
signed-in user from the session cookie, like any view.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE", f"rete.config.settings.{os.environ.get('RETE_ENV', 'local')}"
)
# Django must be set up before the consumers (and the models they import) are imported.
django_asgi_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from rete.helpline.board.routing import websocket_urlpatterns as board_websockets  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_application,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter([*board_websockets]))
        ),
    }
)
