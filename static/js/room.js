/*
 * The video room: starts Jitsi's IFrame API with the options from
 * sessions/embed.py and reports the call's events to the app.
 *
 * The room page provides, in this order:
 *   <div id="jitsi-container" data-events-url="..." data-csrf="..." data-after-url="..."></div>
 *   <button id="end-meeting" type="button">End meeting for everyone</button>   (staff only)
 *   {{ options|json_script:"jitsi-options" }}
 *   <script src="<JITSI_ORIGIN>/external_api.js"></script>
 *   <script src="{% static 'js/room.js' %}"></script>
 * and exposes window.advocacyRoom.hangup() for the quick-exit script.
 */
(function () {
    'use strict';

    // Only what a call needs: no autoplay, clipboard, HID or wake-lock delegation.
    var ALLOW = 'camera; microphone; display-capture';
    var REPORTED = ['videoConferenceJoined', 'videoConferenceLeft', 'participantLeft', 'readyToClose'];
    var END_FALLBACK_MS = 3000;

    var source = document.getElementById('jitsi-options');
    if (!source || typeof window.JitsiMeetExternalAPI !== 'function') {
        return;
    }
    var options = JSON.parse(source.textContent);
    var container = document.getElementById(options.parentNode);
    if (!container) {
        return;
    }
    var eventsUrl = container.dataset.eventsUrl;
    var inCall = false;
    var api = start();

    function start() {
        var apiOptions = Object.assign({}, options, { parentNode: container });
        delete apiOptions.domain;
        var created = new window.JitsiMeetExternalAPI(options.domain, apiOptions);
        restrictFrame(created.getIFrame());
        REPORTED.forEach(function (name) {
            // Only the event's name is sent: its details hold participant ids and names.
            created.addListener(name, function () {
                if (api !== created) {
                    return;  // after a quick exit: that call is over, nothing more to say
                }
                if (name === 'videoConferenceJoined') {
                    inCall = true;
                } else if (name === 'videoConferenceLeft') {
                    inCall = false;
                }
                report(name);
                if (name === 'readyToClose') {
                    finish();
                }
            });
        });
        return created;
    }

    // The IFrame API creates its iframe with a longer `allow` list. A frame's
    // permissions are fixed when its page starts loading, so after narrowing
    // the list the meeting is loaded again; the first load, started in this
    // same task, is cancelled before its page runs.
    function restrictFrame(frame) {
        if (!frame) {
            return;
        }
        frame.referrerPolicy = 'no-referrer';
        if (frame.getAttribute('allow') !== ALLOW) {
            frame.setAttribute('allow', ALLOW);
            frame.setAttribute('src', frame.getAttribute('src'));
        }
    }

    function report(name) {
        if (!eventsUrl) {
            return;
        }
        fetch(eventsUrl, {
            method: 'POST',
            credentials: 'same-origin',
            cache: 'no-store',
            keepalive: true,  // still sent when the page is being left
            headers: { 'Content-Type': 'application/json', 'X-CSRFToken': container.dataset.csrf || '' },
            body: JSON.stringify({ event: name })
        }).catch(function () { /* the call goes on without the report */ });
    }

    function finish() {
        if (api) {
            api.dispose();
            api = null;
        }
        container.dispatchEvent(new CustomEvent('advocacy:room-closed', { bubbles: true }));
        if (container.dataset.afterUrl) {
            // replace(): the room page leaves no entry in the history.
            window.location.replace(container.dataset.afterUrl);
        }
    }

    function hangup() {
        var current = api;
        if (!current) {
            return;
        }
        api = null;
        inCall = false;
        report('hangup');
        try {
            current.executeCommand('hangup');
        } finally {
            // At once: quick exit does not wait for Jitsi to say goodbye.
            current.dispose();
        }
    }

    function endForEveryone(event) {
        var button = event.currentTarget;
        button.disabled = true;
        if (button.dataset.endUrl) {
            // The app closes the guests' pages and ends the meeting on the server too.
            fetch(button.dataset.endUrl, {
                method: 'POST',
                credentials: 'same-origin',
                cache: 'no-store',
                headers: { 'X-CSRFToken': button.dataset.csrf || '' }
            }).catch(function () { /* the command below still ends the call */ });
        }
        if (!api) {
            return;
        }
        // Needs Jitsi's end_conference component; an IFrame API without the
        // command ignores it, so hang up if the call is still on shortly after.
        api.executeCommand('endConference');
        window.setTimeout(function () {
            if (api && inCall) {
                api.executeCommand('hangup');
            }
        }, END_FALLBACK_MS);
    }

    var endButton = document.getElementById('end-meeting');
    if (endButton) {
        endButton.addEventListener('click', endForEveryone);
    }
    window.advocacyRoom = { hangup: hangup };
}());
