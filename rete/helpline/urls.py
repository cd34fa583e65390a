"""The 1522 screens, all under /console/: the operator's console, the supervisor's live
board, the contact records and the call-back list."""

from django.urls import include, path

urlpatterns = [
    path("", include("rete.helpline.console.urls")),
    path("supervisione/", include("rete.helpline.board.urls")),
    path("registro/", include("rete.helpline.records.urls")),
]
