"""The options the room page passes to `new JitsiMeetExternalAPI(domain, options)`.

A pure function of the room, the token and the choices made at check-in. The
room page puts the dict in the page with `json_script` ("jitsi-options") and
static/js/room.js hands it to the IFrame API.

Jitsi Meet applies a configOverwrite key only if it is on its whitelist
(react/features/base/config/configWhitelist.ts); every key below is. These
settings hide controls in the browser; the token's `context.features` and the
server's own settings in deploy/ are what actually refuse recording.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

CONTAINER_ID = "jitsi-container"

# Survivors get no screen sharing: a shared screen can show notifications,
# names or other tabs. Staff may share a resource.
SURVIVOR_TOOLBAR = ["microphone", "camera", "chat", "tileview", "fullscreen", "settings", "hangup"]
STAFF_TOOLBAR = [*SURVIVOR_TOOLBAR[:-1], "desktop", "participants-pane", "hangup"]


def jitsi_domain() -> str:
    """The host (and port) of the program's Jitsi, the IFrame API's `domain`."""
    return urlsplit(settings.JITSI_ORIGIN).netloc


def external_api_url() -> str:
    """The script the room page loads (also goes into its CSP script-src)."""
    return f"{settings.JITSI_ORIGIN}/external_api.js"


def allow_jitsi(request, response):
    """A room page (the survivor's or the host's): only these may load Jitsi's script and frame (CSP) and use devices."""
    response._csp_replace = {
        "script-src": ["'self'", settings.JITSI_ORIGIN],
        "frame-src": [settings.JITSI_ORIGIN],
        "connect-src": ["'self'", settings.JITSI_ORIGIN],
    }
    request.needs_media = True
    return response


def embed_options(
    room_name: str,
    token: str,
    *,
    audio_only: bool,
    camera_off: bool,
    hide_self_view: bool,
    is_staff: bool,
    container_id: str = CONTAINER_ID,
) -> dict:
    config = {
        # Nothing is recorded, streamed or transcribed (privacy invariant 3).
        "recordingService": {"enabled": False, "sharingEnabled": False},
        "fileRecordingsEnabled": False,
        "localRecording": {"disable": True},
        "liveStreaming": {"enabled": False},
        "liveStreamingEnabled": False,
        "transcription": {"enabled": False},
        "transcribingEnabled": False,
        # No request to anyone but the program's Jitsi: no Gravatar, analytics,
        # stats services or GIFs, and no names in any statistics.
        "disableThirdPartyRequests": True,
        "gravatar": {"disabled": True},
        "analytics": {"disabled": True, "rtcstatsEnabled": False},
        "enableDisplayNameInStats": False,
        "enableEmailInStats": False,
        "giphy": {"enabled": False},
        "enableSaveLogs": False,
        # Nothing that points outside the call: no invite or share links, no
        # "open in the app" page.
        "disableInviteFunctions": True,
        "disableDeepLinking": True,
        "deeplinking": {"disabled": True},
        # Media always goes through the program's bridge, never browser to
        # browser, so neither side learns the other's address.
        "p2p": {"enabled": False},
        # Never add the room to Jitsi's list of recent meetings on the device.
        "doNotStoreRoom": True,
        # The app's check-in replaces Jitsi's pre-join page.
        "prejoinConfig": {"enabled": False},
        "prejoinPageEnabled": False,
        # The name is the alias in the token; nobody types a real name or an
        # email address into Jitsi.
        "readOnlyName": True,
        "disableProfile": True,
        "hideEmailInSettings": True,
        "startAudioOnly": audio_only,
        "startWithVideoMuted": camera_off or audio_only,
        "startWithAudioMuted": False,
        "disableSelfView": hide_self_view,
        "toolbarButtons": list(STAFF_TOOLBAR if is_staff else SURVIVOR_TOOLBAR),
    }
    interface = {
        "RECENT_LIST_ENABLED": False,
        "SHOW_CHROME_EXTENSION_BANNER": False,
        "SHOW_POWERED_BY": False,
        "ENABLE_DIAL_OUT": False,
        "DISABLE_TRANSCRIPTION_SUBTITLES": True,
    }
    return {
        "domain": jitsi_domain(),
        "roomName": room_name,
        "jwt": token,
        "parentNode": container_id,
        "width": "100%",
        "height": "100%",
        "configOverwrite": config,
        "interfaceConfigOverwrite": interface,
    }
