from django.apps import AppConfig


class VideoSessionsConfig(AppConfig):
    name = "sessions"
    # django.contrib.sessions already owns the label "sessions".
    label = "video_sessions"
    verbose_name = "Video sessions"

    def ready(self):
        from django.db.models.signals import post_save

        from scheduling.models import Appointment

        from .signals import create_room, jitsi_event
        from .webhooks import EVENT_HANDLERS

        post_save.connect(create_room, sender=Appointment, dispatch_uid="sessions.create_room")
        if jitsi_event not in EVENT_HANDLERS:
            EVENT_HANDLERS.append(jitsi_event)
