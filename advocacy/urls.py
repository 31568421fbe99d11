from django.contrib import admin
from django.urls import include, path

from staff.two_factor_urls import urlpatterns as two_factor_urlpatterns

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include(two_factor_urlpatterns)),
    path("", include("staff.urls")),
    path("cases/", include("cases.urls")),
    path("consent/", include("consent.urls")),
    path("scheduling/", include("scheduling.urls")),
    path("", include("sessions.urls")),
    path("reports/", include("reports.urls")),
    path("retention/", include("retention.urls")),
    path("admin/", admin.site.urls),
]
