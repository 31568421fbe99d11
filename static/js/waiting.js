/*
 * The waiting room (and the room page's presence): a WebSocket that hears
 * "admitted" or "ended" and reloads /join/ in place (replace: no new history
 * entry). If the socket drops it reconnects; if WebSockets are blocked it
 * polls /join/status instead.
 */
(function () {
    'use strict';
    var box = document.getElementById('waiting-room');
    if (!box) {
        return;
    }
    var here = box.dataset.here;
    var inRoom = box.dataset.inRoom === '1';
    var note = document.getElementById('connection-note');
    var failures = 0;
    var polling = null;
    var socket = null;

    function reload() {
        window.location.replace(here);
    }

    function handle(message) {
        if (message.what === 'ended') {
            if (window.advocacyRoom && window.advocacyRoom.hangup) {
                window.advocacyRoom.hangup();
            }
            reload();
        } else if (message.what === 'admitted' && !inRoom) {
            reload();
        }
    }

    function connect() {
        var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
        var opened = false;
        try {
            socket = new WebSocket(scheme + window.location.host + box.dataset.socket);
        } catch (error) {
            startPolling();
            return;
        }
        socket.onopen = function () {
            opened = true;
            failures = 0;
            if (note) { note.hidden = true; }
        };
        socket.onmessage = function (event) {
            try {
                handle(JSON.parse(event.data));
            } catch (ignored) { /* not ours */ }
        };
        socket.onclose = function (event) {
            if (event.code === 4403) {
                reload();  // the visit ended on the server
                return;
            }
            failures += opened ? 0 : 1;
            if (note) { note.hidden = false; }
            if (failures >= 2) {
                startPolling();  // WebSockets seem blocked here
            } else {
                window.setTimeout(connect, Math.min(1000 * Math.pow(2, failures), 10000));
            }
        };
    }

    function startPolling() {
        if (polling) {
            return;
        }
        polling = window.setInterval(function () {
            fetch(box.dataset.statusUrl, { credentials: 'same-origin', cache: 'no-store' })
                .then(function (response) { return response.json(); })
                .then(function (status) {
                    var expected = inRoom ? 'room' : 'waiting';
                    if (status.step !== expected) {
                        reload();
                    }
                })
                .catch(function () { /* try again next time */ });
        }, 3000);
    }

    connect();
}());
