from django.urls import path

from . import join, live, webhooks

app_name = "video_sessions"

urlpatterns = [
    # The survivor's whole visit is this one address (see join.py).
    path("join/", join.join, name="join"),
    path("join/status", join.join_status, name="join_status"),
    path("join/events", join.join_events, name="join_events"),
    # The advocate's side.
    path("sessions/today/", live.dashboard, name="live"),
    path("sessions/appointments/<int:pk>/admit/", live.admit, name="admit"),
    path("sessions/appointments/<int:pk>/room/", live.host_room, name="host"),
    path("sessions/appointments/<int:pk>/end/", live.end_meeting, name="end"),
    path("sessions/appointments/<int:pk>/outcome/", live.outcome, name="outcome"),
]

# Prosody's event_sync component posts each kind of event to its own path
# under its api_prefix (deploy/ sets it to <app>/jitsi); the payload's
# event_name says the same, so one view serves all four.
urlpatterns += [
    path(f"jitsi/events/{suffix}", webhooks.event_sync_webhook, name=f"jitsi_events_{suffix.replace('/', '_')}")
    for suffix in webhooks.EVENT_PATHS
]
