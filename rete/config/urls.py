from django.conf.urls.i18n import i18n_patterns
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
    path("area-riservata/", include("rete.reserved.urls")),
]
# The public portal: Italian at /, the other languages under their prefix.
urlpatterns += i18n_patterns(path("", include("rete.portal.urls")), prefix_default_language=False)
