from django.urls import path

from rete.helpline.console import views

app_name = "console"

urlpatterns = [
    path("", views.home, name="home"),
    path("contatto/nuovo/", views.start, name="start"),
    path("comuni/", views.comuni, name="comuni"),
    path("contatto/<uuid:public_id>/", views.contact, name="contact"),
    path("contatto/<uuid:public_id>/comune/", views.route, name="route"),
    path("contatto/<uuid:public_id>/decisione/", views.decision, name="decision"),
    path("contatto/<uuid:public_id>/trasferimento/", views.transfer, name="transfer"),
    path("contatto/<uuid:public_id>/emergenza/", views.emergency, name="emergency"),
    path("contatto/<uuid:public_id>/classificazione/", views.classify, name="classify"),
    path("contatto/<uuid:public_id>/note/", views.notes, name="notes"),
    path("contatto/<uuid:public_id>/richiamata/", views.callback, name="callback"),
    path("contatto/<uuid:public_id>/molestie/", views.nuisance, name="nuisance"),
    path("contatto/<uuid:public_id>/chiusura/", views.close, name="close"),
]
