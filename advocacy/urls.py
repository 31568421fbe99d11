from django.contrib import admin
from django.urls import include, path

from staff.two_factor_urls import urlpatterns as two_factor_urlpatterns

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include(two_factor_urlpatterns)),
    path("", include("staff.urls")),
    path("admin/", admin.site.urls),
]
