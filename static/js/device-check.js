/*
 * The device check at check-in: shows the camera and a microphone level, in
 * the page only. Nothing is recorded or sent; the tracks stop afterwards.
 */
(function () {
    'use strict';
    var box = document.getElementById('device-check');
    if (!box || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        return;
    }
    box.hidden = false;
    var button = document.getElementById('device-test');
    var stopButton = document.getElementById('device-stop');
    var video = document.getElementById('device-preview');
    var meter = document.getElementById('device-level');
    var result = document.getElementById('device-result');
    var stream = null;
    var audio = null;
    var frame = null;

    function wantsVideo() {
        var chosen = document.querySelector('input[name="mode"]:checked');
        return !chosen || chosen.value === 'video';
    }

    function stop() {
        if (frame) { window.cancelAnimationFrame(frame); frame = null; }
        if (audio) { audio.close(); audio = null; }
        if (stream) {
            stream.getTracks().forEach(function (track) { track.stop(); });
            stream = null;
        }
        video.hidden = true;
        video.srcObject = null;
        meter.value = 0;
    }

    function showLevel(source) {
        audio = new (window.AudioContext || window.webkitAudioContext)();
        var analyser = audio.createAnalyser();
        audio.createMediaStreamSource(source).connect(analyser);
        var samples = new Uint8Array(analyser.fftSize);
        (function tick() {
            analyser.getByteTimeDomainData(samples);
            var peak = 0;
            for (var i = 0; i < samples.length; i += 1) {
                peak = Math.max(peak, Math.abs(samples[i] - 128) / 128);
            }
            meter.value = peak;
            frame = window.requestAnimationFrame(tick);
        }());
    }

    button.addEventListener('click', function () {
        stop();
        var withVideo = wantsVideo();
        navigator.mediaDevices.getUserMedia({ audio: true, video: withVideo }).then(function (granted) {
            stream = granted;
            if (withVideo) {
                video.srcObject = stream;
                video.hidden = false;
                video.play();
            }
            showLevel(stream);
            result.textContent = withVideo ? button.dataset.ok : button.dataset.audioOk;
        }).catch(function () {
            result.textContent = button.dataset.failed;
        });
    });
    stopButton.addEventListener('click', stop);
    window.addEventListener('pagehide', stop);
}());
