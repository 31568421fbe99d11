"""The join path in one process, under pyinstrument, with the queries of each step counted.

    .venv/bin/python -m bench.profile [--paths 20] [--html var/bench/join-profile.html]

Uses the bench database (run `bench/run.py --only slots` or any phase once to
create it) with the bench's production-like settings, and Django's test client:
no server, so what it shows is the app's own cost per request.
"""

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paths", type=int, default=20)
    parser.add_argument("--html", help="also write pyinstrument's HTML here")
    args = parser.parse_args(argv)
    from bench import run

    for key, value in run.bench_env().items():
        os.environ.setdefault(key, value)
    from bench.fixtures import appointments_now, setup

    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    made = appointments_now(args.paths + 3, "profile")
    steps = [
        ("code page", lambda c, code: c.get("/join/")),
        ("post code", lambda c, code: c.post("/join/", {"action": "code", "code": code})),
        ("check-in page", lambda c, code: c.get("/join/")),
        ("post check-in", lambda c, code: c.post("/join/", {"action": "checkin", "private": "yes", "mode": "audio"})),
        ("waiting room", lambda c, code: c.get("/join/")),
    ]
    # One client (one handler, as in a server process); each survivor starts without cookies.
    client = Client(HTTP_HOST="127.0.0.1")
    for _, code in made[:3]:  # warm-up
        client.cookies.clear()
        for _, step in steps:
            step(client, code)
    queries, seconds = defaultdict(list), defaultdict(list)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _, code in made[3:]:
        client.cookies.clear()
        for name, step in steps:
            began = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = step(client, code)
            seconds[name].append(time.perf_counter() - began)
            queries[name].append(len(captured.captured_queries))
            assert response.status_code in (200, 302), (name, response.status_code)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"{'step':16} {'queries':>8} {'ms (mean)':>10}")
    for name, _ in steps:
        count = sum(queries[name]) / len(queries[name])
        print(f"{name:16} {count:8.1f} {1000 * sum(seconds[name]) / len(seconds[name]):10.1f}")
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main(sys.argv[1:])
