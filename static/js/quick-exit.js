/*
 * Quick exit, on every survivor page: the button, or Escape pressed twice.
 * Hangs up the call, tells the server to forget the visit (a beacon that
 * survives the page leaving) and replaces this history entry with a neutral
 * site, so Back does not return. Without script the button's form does the
 * same through the server.
 */
(function () {
    'use strict';
    var form = document.getElementById('quick-exit');
    if (!form) {
        return;
    }
    var exitUrl = form.dataset.exitUrl;
    var lastEscape = 0;
    var leaving = false;

    function leave() {
        if (leaving) {
            return;
        }
        leaving = true;
        try {
            if (window.advocacyRoom && window.advocacyRoom.hangup) {
                window.advocacyRoom.hangup();
            }
        } catch (ignored) { /* leave anyway */ }
        try {
            // getAttribute: the form's <input name="action"> hides its .action property.
            navigator.sendBeacon(form.getAttribute('action'), new FormData(form));
        } catch (ignored) { /* the session ends with the browser anyway */ }
        window.location.replace(exitUrl);
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        leave();
    });
    document.addEventListener('keydown', function (event) {
        if (event.key !== 'Escape') {
            return;
        }
        var now = Date.now();
        if (now - lastEscape < 1500) {
            leave();
        }
        lastEscape = now;
    });
}());
