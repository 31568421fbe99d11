app_name = "video_sessions"

urlpatterns: list = []
