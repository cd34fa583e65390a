from django.urls import path

from rete.helpline.board.views import board_home

app_name = "board"

urlpatterns = [
    path("", board_home, name="home"),
]
