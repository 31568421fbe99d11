/*
 * The Jitsi stand-in's JitsiMeetExternalAPI: the part of the real IFrame API
 * (jitsi-meet modules/API/external/external_api.js) that the app uses.
 *
 * It records the options it was built with (POST /_standin/recorded) and the
 * commands it gets (POST /_standin/commands), loads the stand-in's meeting
 * page in an iframe the way the real API does (/<room>?jwt=...), and turns
 * that page's "joined" message into videoConferenceJoined.
 */
(function () {
    'use strict';

    var ORIGIN = new URL(document.currentScript.src).origin;
    var nextId = 0;

    function post(path, data) {
        return fetch(ORIGIN + path, {
            method: 'POST',
            mode: 'cors',
            credentials: 'omit',
            keepalive: true,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(data)
        }).catch(function () { /* a stand-in: nothing to do */ });
    }

    function JitsiMeetExternalAPI(domain, options) {
        var self = this;

        options = options || {};
        this._listeners = {};
        this._roomName = options.roomName || '';
        this._joined = false;

        var parent = options.parentNode || document.body;
        var frame = document.createElement('iframe');

        // What the real API sets before loading the meeting.
        frame.allow = 'camera; microphone; display-capture; autoplay; clipboard-write';
        frame.src = ORIGIN + '/' + encodeURIComponent(this._roomName) + '?jwt=' + encodeURIComponent(options.jwt || '');
        frame.name = frame.id = 'jitsiConferenceFrame' + nextId++;
        frame.style.border = '0';
        frame.style.width = options.width || '100%';
        frame.style.height = options.height || '100%';
        this._frame = parent.appendChild(frame);

        var recorded = Object.assign({}, options, { parentNode: parent.id || null });
        this.recorded = post('/_standin/recorded', { domain: domain, options: recorded });

        this._onMessage = function (event) {
            if (event.origin !== ORIGIN || event.source !== frame.contentWindow || !event.data) {
                return;
            }
            if (event.data.standin === 'joined' && !self._joined) {
                self._joined = true;
                self.emit('videoConferenceJoined', { roomName: self._roomName });
            } else if (event.data.standin === 'refused') {
                self.emit('videoConferenceLeft', { roomName: self._roomName });
            }
        };
        window.addEventListener('message', this._onMessage);
        (window.__standinApis = window.__standinApis || []).push(this);
    }

    JitsiMeetExternalAPI.prototype.on = function (name, listener) {
        (this._listeners[name] = this._listeners[name] || []).push(listener);
        return this;
    };
    JitsiMeetExternalAPI.prototype.addListener = JitsiMeetExternalAPI.prototype.on;
    JitsiMeetExternalAPI.prototype.addEventListener = JitsiMeetExternalAPI.prototype.on;

    JitsiMeetExternalAPI.prototype.removeListener = function (name, listener) {
        this._listeners[name] = (this._listeners[name] || []).filter(function (l) { return l !== listener; });
        return this;
    };

    JitsiMeetExternalAPI.prototype.emit = function (name, data) {
        (this._listeners[name] || []).slice().forEach(function (listener) { listener(data || {}); });
    };

    JitsiMeetExternalAPI.prototype.executeCommand = function (name) {
        var args = Array.prototype.slice.call(arguments, 1);

        post('/_standin/commands', { command: name, args: args, room: this._roomName });
        if ((name === 'hangup' || name === 'endConference') && this._joined) {
            this._joined = false;
            this.emit('videoConferenceLeft', { roomName: this._roomName });
            this.emit('readyToClose', {});
        }
    };

    JitsiMeetExternalAPI.prototype.getIFrame = function () {
        return this._frame;
    };

    JitsiMeetExternalAPI.prototype.dispose = function () {
        window.removeEventListener('message', this._onMessage);
        this._listeners = {};
        if (this._frame && this._frame.parentNode) {
            this._frame.parentNode.removeChild(this._frame);
        }
    };

    window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
}());
