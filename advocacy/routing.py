"""Every app's WebSocket routes, gathered in one list for asgi.py."""

websocket_urlpatterns: list = []
