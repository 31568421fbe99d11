from django.apps import AppConfig


class VideoSessionsConfig(AppConfig):
    name = "sessions"
    # django.contrib.sessions already owns the label "sessions".
    label = "video_sessions"
    verbose_name = "Video sessions"

    def ready(self):
        from django.db.models.signals import post_save

        from scheduling.models import Appointment

        from .signals import create_room

        post_save.connect(create_room, sender=Appointment, dispatch_uid="sessions.create_room")
