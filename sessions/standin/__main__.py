"""python -m sessions.standin --port 8443: the Jitsi stand-in for `make run` (DEBUG=1)."""

import argparse
import os
import signal
import threading

from . import StandIn


def main() -> None:
    parser = argparse.ArgumentParser(description="Loopback stand-in for the program's Jitsi server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument("--quiet", action="store_true", help="do not print requests")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with StandIn.from_settings(host=args.host, port=args.port, verbose=not args.quiet) as standin:
        print(f"Jitsi stand-in listening on {standin.url} (Ctrl-C stops it)", flush=True)
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
