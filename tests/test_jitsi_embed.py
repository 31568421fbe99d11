"""The options the room page hands to JitsiMeetExternalAPI (sessions/embed.py)."""

import json

import pytest
from django.utils.html import json_script

from sessions.embed import embed_options, external_api_url, jitsi_domain

# The configOverwrite keys Jitsi Meet lets an embedding page set (the part of
# react/features/base/config/configWhitelist.ts that this app uses); a key not
# on that list is silently ignored, so a typo would quietly turn a setting off.
JITSI_OVERWRITABLE = {
    "analytics", "deeplinking", "disableDeepLinking", "disableInviteFunctions", "disableProfile",
    "disableSelfView", "disableThirdPartyRequests", "doNotStoreRoom", "enableDisplayNameInStats",
    "enableEmailInStats", "enableSaveLogs", "fileRecordingsEnabled", "giphy", "gravatar", "hideEmailInSettings",
    "liveStreaming", "liveStreamingEnabled", "localRecording", "p2p", "prejoinConfig", "prejoinPageEnabled",
    "readOnlyName", "recordingService", "startAudioOnly", "startWithAudioMuted", "startWithVideoMuted",
    "toolbarButtons", "transcribingEnabled", "transcription",
}  # fmt: skip
INTERFACE_OVERWRITABLE = {
    "DISABLE_TRANSCRIPTION_SUBTITLES", "ENABLE_DIAL_OUT", "RECENT_LIST_ENABLED", "SHOW_CHROME_EXTENSION_BANNER",
    "SHOW_POWERED_BY",
}  # fmt: skip


def options(**choices) -> dict:
    defaults = {"audio_only": False, "camera_off": False, "hide_self_view": False, "is_staff": False}
    return embed_options("room-a", "the.jwt.token", **(defaults | choices))


def config(**choices) -> dict:
    return options(**choices)["configOverwrite"]


def test_it_passes_the_domain_room_token_and_container(settings):
    settings.JITSI_ORIGIN = "https://meet.example.org"
    built = options()
    assert built["domain"] == "meet.example.org" == jitsi_domain()
    assert (built["roomName"], built["jwt"], built["parentNode"]) == ("room-a", "the.jwt.token", "jitsi-container")
    assert external_api_url() == "https://meet.example.org/external_api.js"


def test_it_turns_every_kind_of_recording_off():
    built = config()
    assert built["recordingService"] == {"enabled": False, "sharingEnabled": False}
    assert built["fileRecordingsEnabled"] is False
    assert built["localRecording"] == {"disable": True}
    assert built["liveStreaming"] == {"enabled": False} and built["liveStreamingEnabled"] is False
    assert built["transcription"] == {"enabled": False} and built["transcribingEnabled"] is False
    assert not {"recording", "livestreaming"} & set(built["toolbarButtons"] + config(is_staff=True)["toolbarButtons"])


def test_it_makes_no_third_party_requests():
    built = config()
    assert built["disableThirdPartyRequests"] is True
    assert built["gravatar"] == {"disabled": True}
    assert built["analytics"] == {"disabled": True, "rtcstatsEnabled": False}
    assert built["giphy"] == {"enabled": False}


def test_it_keeps_names_out_of_stats_and_logs():
    built = config()
    assert built["enableDisplayNameInStats"] is False and built["enableEmailInStats"] is False
    assert built["enableSaveLogs"] is False


def test_it_offers_no_invite_or_app_links():
    built = config()
    assert built["disableInviteFunctions"] is True
    assert built["disableDeepLinking"] is True and built["deeplinking"] == {"disabled": True}
    assert "invite" not in built["toolbarButtons"]


def test_it_never_connects_the_browsers_directly():
    assert config()["p2p"] == {"enabled": False}


def test_it_does_not_store_the_room_on_the_device():
    assert config()["doNotStoreRoom"] is True
    assert options()["interfaceConfigOverwrite"]["RECENT_LIST_ENABLED"] is False


def test_it_skips_jitsis_prejoin_page():
    built = config()
    assert built["prejoinConfig"] == {"enabled": False} and built["prejoinPageEnabled"] is False


def test_nobody_can_type_a_real_name_or_email_into_jitsi():
    built = config()
    assert built["readOnlyName"] is True and built["disableProfile"] is True and built["hideEmailInSettings"] is True


@pytest.mark.parametrize(
    "choices, audio_only, video_muted",
    [
        ({}, False, False),
        ({"camera_off": True}, False, True),
        ({"audio_only": True}, True, True),
    ],
)
def test_it_starts_audio_only_or_camera_off_as_chosen_at_check_in(choices, audio_only, video_muted):
    built = config(**choices)
    assert built["startAudioOnly"] is audio_only
    assert built["startWithVideoMuted"] is video_muted
    assert built["startWithAudioMuted"] is False


def test_it_hides_self_view_only_when_asked():
    assert config(hide_self_view=True)["disableSelfView"] is True
    assert config()["disableSelfView"] is False


def test_only_staff_can_share_a_screen_or_manage_participants():
    survivor, staff = config()["toolbarButtons"], config(is_staff=True)["toolbarButtons"]
    assert "desktop" not in survivor and "participants-pane" not in survivor
    assert {"desktop", "participants-pane"} <= set(staff)
    assert survivor[-1] == staff[-1] == "hangup"


def test_every_option_is_one_jitsi_lets_an_embedding_page_set():
    assert set(config()) <= JITSI_OVERWRITABLE
    assert set(options()["interfaceConfigOverwrite"]) <= INTERFACE_OVERWRITABLE


def test_the_options_survive_json_script_unchanged():
    built = options()
    html = str(json_script(built, "jitsi-options"))
    assert html.startswith('<script id="jitsi-options" type="application/json">')
    assert json.loads(html.split(">", 1)[1].rsplit("<", 1)[0]) == built
