/*
 * The advocate's live dashboard: status pushed over a WebSocket. A guest
 * waiting, asking for a call or dropped raises an alert (sent only inside
 * the advocate's contact hours) that shows the appointment's reconnect plan.
 */
(function () {
    'use strict';
    var status = document.getElementById('live-connection');
    var alerts = document.getElementById('live-alerts');
    if (!status) {
        return;
    }
    var delay = 1000;

    function update(message) {
        var row = document.getElementById('appointment-' + message.appointment);
        if (!row) {
            window.location.reload();  // a session not on the page yet
            return;
        }
        var state = row.querySelector('[data-state]');
        state.textContent = message.label;
        state.className = 'state state-' + message.state;
        var plan = row.querySelector('[data-plan]');
        plan.hidden = message.state !== 'dropped';
        if (message.alert) {
            var alert = document.createElement('p');
            alert.className = 'live-alert';
            alert.setAttribute('role', 'alert');
            alert.textContent = row.querySelector('h2').textContent + ': ' + message.label +
                (message.state === 'dropped' ? '. ' + plan.textContent.trim() : '');
            alerts.prepend(alert);
        }
    }

    function connect() {
        var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
        var socket = new WebSocket(scheme + window.location.host + status.dataset.socket);
        socket.onopen = function () {
            delay = 1000;
            status.textContent = 'Live updates: on';
        };
        socket.onmessage = function (event) {
            try {
                update(JSON.parse(event.data));
            } catch (ignored) { /* not ours */ }
        };
        socket.onclose = function (event) {
            if (event.code === 4403) {
                status.textContent = 'Live updates: sign in again to receive them.';
                return;
            }
            status.textContent = 'Live updates: reconnecting…';
            window.setTimeout(connect, delay);
            delay = Math.min(delay * 2, 15000);
        };
    }
    connect();
}());
