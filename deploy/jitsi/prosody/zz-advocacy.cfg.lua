-- advocacy: Prosody's room and occupant events, posted to the app.
--
-- Mounted as /config/conf.d/zz-advocacy.cfg.lua. The "zz-" makes Prosody
-- include it after the image's own jitsi-meet.cfg.lua: the settings of that
-- file must not land in this component's section.
--
-- mod_event_sync_component.lua comes from jitsi-contrib/prosody-plugins
-- (deploy/jitsi/prosody-plugins-custom/README.md). Its payloads name each
-- occupant; the app keeps no name, email or address (sessions/webhooks.py).
--
-- Values come from the container's environment (docker-compose.yml), so the
-- secret is not written in this file.

local getenv = Lua.os.getenv
local domain = getenv("XMPP_DOMAIN") or "meet.jitsi"

Component ("esync." .. domain) "event_sync_component"
    muc_component = getenv("XMPP_MUC_DOMAIN") or ("muc." .. domain)
    breakout_component = "breakout." .. domain

    -- nginx's internal listener, which passes {api_prefix}/events/... to the app.
    api_prefix = getenv("ADVOCACY_EVENTS_URL")
    api_headers = {
        ["Authorization"] = "Bearer " .. getenv("ADVOCACY_EVENTS_SECRET");
    }
    api_timeout = 5
    api_retry_count = 3
    api_retry_delay = 1

    -- Adds the token's context.user (the moderator flag) to occupant events.
    include_user_info = true
