from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/join/", consumers.GuestConsumer.as_asgi()),
    path("ws/staff/live/", consumers.StaffLiveConsumer.as_asgi()),
]
