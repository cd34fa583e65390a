"""The supervisor's live board: complete as served, kept current by rete/static/rete/js/board.js
over the WebSocket of rete.helpline.board.consumers."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from rete.accounts.roles import HELPLINE_SUPERVISOR
from rete.helpline.board.routing import BOARD_SOCKET_PATH
from rete.helpline.board.selectors import board_state
from rete.helpline.permissions import helpline_role_required


@require_safe
@never_cache
@helpline_role_required(HELPLINE_SUPERVISOR)
def board_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "helpline/board/home.html",
        {"board": board_state(), "socket_path": BOARD_SOCKET_PATH},
    )
