"""The app's URLs plus /bench/ceiling and /bench/floor, served by the bench servers only (never in advocacy.urls)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from advocacy.access import public
from advocacy.urls import urlpatterns as app_urlpatterns
from scheduling.models import JoinCode


@public
def ceiling(request):
    """The ceiling: a Django view returning a constant, behind the app's whole middleware stack."""
    return HttpResponse(b"ok", content_type="text/plain")


FLOOR_PAGE = engines["django"].from_string(
    '{% extends "survivor/base.html" %}{% block content %}<p>{{ code.pk|default:"-" }}</p>{% endblock %}'
)


@public
def floor(request):
    """The least any survivor page does: the session read and saved (every request), one query by
    primary key, a page of the survivor template (quick exit and language forms with their token,
    program phone and service hours from the cache). Where a join-path page's own cost starts."""
    request.session["floor"] = request.session.get("floor", 0) + 1
    code = JoinCode.objects.filter(pk=request.session["floor"]).first()
    return HttpResponse(FLOOR_PAGE.render({"code": code}, request))


urlpatterns = [path("bench/ceiling", ceiling), path("bench/floor", floor), *app_urlpatterns]
