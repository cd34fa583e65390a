"""WebSocket routes of the board, mounted by rete.config.asgi; every WebSocket path starts
with /ws/, which the load balancer sends to the ASGI process."""

from django.urls import path

from rete.helpline.board.consumers import BoardConsumer

# The page tells its script where to connect (routes of websockets cannot be reversed).
BOARD_SOCKET_PATH = "/ws/supervisione/"

websocket_urlpatterns = [
    path(BOARD_SOCKET_PATH.lstrip("/"), BoardConsumer.as_asgi(), name="board-socket"),
]
