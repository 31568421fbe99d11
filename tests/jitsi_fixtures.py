"""The Jitsi stand-in as pytest fixtures (sessions/standin).

`jitsi_standin` starts the stand-in on an ephemeral port, points the app's
Jitsi settings at it and stops it after the test: no thread or port is left.
"""

import pytest

from sessions.jitsi import create_system_key
from sessions.standin import StandIn


@pytest.fixture(scope="session")
def jitsi_system_key_file(tmp_path_factory):
    """The RSA key that signs end-meeting tokens, made once per run outside var/."""
    path = tmp_path_factory.mktemp("jitsi") / "system-key.pem"
    create_system_key(path)
    return path


@pytest.fixture
def jitsi_standin(settings, jitsi_system_key_file):
    settings.JITSI_SYSTEM_KEY_FILE = str(jitsi_system_key_file)
    with StandIn.from_settings() as standin:
        settings.JITSI_ORIGIN = standin.url
        settings.JITSI_API_URL = standin.url
        yield standin
