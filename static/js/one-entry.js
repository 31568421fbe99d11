/*
 * Keeps the survivor's visit at one history entry: every form on the page is
 * sent with fetch, and the answer replaces this page in place (a redirect is
 * followed with location.replace, a page with errors is written over this
 * one). A plain form post would add an entry that Back, or someone checking
 * the history, could find; quick exit then replaces the single entry.
 */
(function () {
    'use strict';
    function submit(event) {
        var form = event.target;
        if (!(form instanceof HTMLFormElement) || form.id === 'quick-exit' || (form.getAttribute('method') || '').toLowerCase() !== 'post') {
            return;
        }
        event.preventDefault();
        var data = new FormData(form);
        if (event.submitter && event.submitter.name) {
            data.append(event.submitter.name, event.submitter.value);
        }
        Array.prototype.forEach.call(form.querySelectorAll('button'), function (button) { button.disabled = true; });
        fetch(form.getAttribute('action') || window.location.pathname, { method: 'POST', body: data, credentials: 'same-origin', cache: 'no-store' })
            .then(function (response) {
                if (response.redirected) {
                    window.location.replace(response.url);
                    return null;
                }
                return response.text();
            })
            .then(function (html) {
                if (html !== null) {
                    document.open();
                    document.write(html);
                    document.close();
                }
            })
            .catch(function () {
                form.removeEventListener('submit', submit);
                form.submit();  // offline or blocked: fall back to an ordinary post
            });
    }
    document.addEventListener('submit', submit);
}());
