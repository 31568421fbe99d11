from django.apps import AppConfig


class VideoSessionsConfig(AppConfig):
    name = "sessions"
    # django.contrib.sessions already owns the label "sessions".
    label = "video_sessions"
    verbose_name = "Video sessions"
