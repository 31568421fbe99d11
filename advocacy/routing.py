"""Every app's WebSocket routes, gathered in one list for asgi.py."""

from sessions.routing import websocket_urlpatterns as session_routes

websocket_urlpatterns: list = [*session_routes]
