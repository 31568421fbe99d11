"""The app's URLs plus /bench/ceiling, served by the bench servers only (never in advocacy.urls)."""

from django.http import HttpResponse
from django.urls import path

from advocacy.access import public
from advocacy.urls import urlpatterns as app_urlpatterns


@public
def ceiling(request):
    """The ceiling: a Django view returning a constant, behind the app's whole middleware stack."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling", ceiling), *app_urlpatterns]
