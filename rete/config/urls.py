from django.contrib import admin
from django.urls import include, path

from rete.config.api import api

admin.site.site_header = "Rete Antiviolenza"
admin.site.site_title = "Rete Antiviolenza"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("rete.accounts.urls")),
    path("console/", include("rete.helpline.urls")),
]
