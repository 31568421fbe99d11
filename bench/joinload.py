"""The load driver: virtual survivors on the join path, or the ceiling or floor view, over real HTTP on loopback.

    python -m bench.joinload join    --base http://127.0.0.1:8101 --users 50 --duration 30 --codes FILE --out FILE
    python -m bench.joinload ceiling --base http://127.0.0.1:8101 --users 50 --duration 20 --out FILE
    python -m bench.joinload floor   --base http://127.0.0.1:8101 --users 50 --duration 20 --out FILE

Closed loop, like Locust headless with no wait time: each virtual user sends
its next request when the previous answer has arrived. One survivor's path is
five requests, each timed on its own:

    GET /join/ (code page, CSRF token)  ->  POST action=code  ->  GET /join/ (check-in)
    ->  POST action=checkin private=yes mode=audio  ->  GET /join/ (the waiting room)

Every virtual survivor takes the next unused code from FILE and starts with no
cookie. With --think MIN,MAX each user first waits a random MIN..MAX seconds
before every request, as a person reading and typing would; without it the
server is saturated and, by Little's law, the mean latency is users / req/s. Requests of the warm-up are not counted; neither is a request still
running when the time is up. The run stops by itself: each request times out
after 10 s and the whole run after warm-up + duration + 15 s.
"""

import argparse
import asyncio
import random
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import aiohttp

from bench.common import emit, summary_ms

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = "session"  # SECURE_COOKIES=0 on plain-HTTP loopback: no __Host- prefix
# What a browser sends with a form post under Referrer-Policy: no-referrer.
POST_HEADERS = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}
STEPS = ("code page", "post code", "check-in page", "post check-in", "waiting room")


class PathFailed(Exception):
    pass


class Run:
    def __init__(self, base: str, warmup: float, duration: float, codes: list[str], think: tuple = (0, 0)):
        self.base = base.rstrip("/")
        self.think = think
        self.codes = codes
        self.next_code = 0
        self.reused = 0
        self.started = time.perf_counter()
        self.measure_from = self.started + warmup
        self.stop_at = self.measure_from + duration
        self.latencies: list[float] = []
        self.by_step: dict[str, list[float]] = defaultdict(list)
        self.path_times: list[float] = []
        self.errors: Counter = Counter()
        self.answered = 0  # every answer, warm-up included: the server's CPU time is divided by it

    def counts(self, began: float, ended: float) -> bool:
        return began >= self.measure_from and ended <= self.stop_at

    def code(self) -> str:
        if self.next_code >= len(self.codes):
            self.reused += 1  # out of fresh codes: a used one still works (a second visit)
        code = self.codes[self.next_code % len(self.codes)]
        self.next_code += 1
        return code

    async def request(self, http, method, path, step, expect, cookie=None, data=None):
        if self.think[1]:
            await asyncio.sleep(random.uniform(*self.think))  # a person reads the page, types, taps
        headers = dict(POST_HEADERS) if method == "POST" else {}
        if cookie:
            headers["Cookie"] = f"{COOKIE}={cookie}"
        began = time.perf_counter()
        try:
            async with http.request(method, self.base + path, data=data, headers=headers, allow_redirects=False) as r:
                body = await r.text()
                status, jar = r.status, r.cookies
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            if self.counts(began, time.perf_counter()):
                self.errors[f"{step}: {type(error).__name__}"] += 1
            raise PathFailed from error
        ended = time.perf_counter()
        self.answered += 1
        counted = self.counts(began, ended)
        if counted:
            self.latencies.append(ended - began)
            self.by_step[step].append(ended - began)
        if status != expect:
            if counted:
                self.errors[f"{step}: HTTP {status}"] += 1
            raise PathFailed
        morsel = jar.get(COOKIE)
        return body, (morsel.value if morsel is not None else cookie)

    async def ceiling_user(self, http):
        while time.perf_counter() < self.stop_at:
            try:
                await self.request(http, "GET", "/bench/ceiling", "ceiling", 200)
            except PathFailed:
                await asyncio.sleep(0.01)

    async def floor_user(self, http):
        cookie = None  # one visitor's session, kept as a browser keeps it
        while time.perf_counter() < self.stop_at:
            try:
                _, cookie = await self.request(http, "GET", "/bench/floor", "floor", 200, cookie)
            except PathFailed:
                await asyncio.sleep(0.01)

    async def survivor_user(self, http):
        while time.perf_counter() < self.stop_at:
            began = time.perf_counter()
            try:
                await self.survivor(http, self.code())
            except PathFailed:
                await asyncio.sleep(0.01)
                continue
            if self.counts(began, time.perf_counter()):
                self.path_times.append(time.perf_counter() - began)

    async def survivor(self, http, code: str):
        page, cookie = await self.request(http, "GET", "/join/", STEPS[0], 200)
        token = self.token(page, STEPS[0], 'value="code"')
        _, cookie = await self.request(
            http, "POST", "/join/", STEPS[1], 302, cookie, {"csrfmiddlewaretoken": token, "action": "code", "code": code}
        )
        page, cookie = await self.request(http, "GET", "/join/", STEPS[2], 200, cookie)
        token = self.token(page, STEPS[2], 'value="checkin"')
        form = {"csrfmiddlewaretoken": token, "action": "checkin", "private": "yes", "mode": "audio"}
        _, cookie = await self.request(http, "POST", "/join/", STEPS[3], 302, cookie, form)
        page, cookie = await self.request(http, "GET", "/join/", STEPS[4], 200, cookie)
        if 'id="waiting-room"' not in page:
            self.errors[f"{STEPS[4]}: not the waiting room"] += 1
            raise PathFailed

    def token(self, page: str, step: str, marker: str) -> str:
        found = TOKEN.search(page)
        if found is None or marker not in page:
            self.errors[f"{step}: unexpected page"] += 1
            raise PathFailed
        return found.group(1)

    def result(self, scenario: str, users: int, duration: float) -> dict:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result = {
            "scenario": scenario,
            "users": users,
            "think_s": list(self.think),
            "duration_s": duration,
            "requests": len(self.latencies),
            "rps": round(len(self.latencies) / duration, 1),
            "latency_ms": summary_ms(self.latencies),
            "answered_all": self.answered,
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors.most_common(10)),
            "driver_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        }
        if scenario == "join":
            result.update(
                paths=len(self.path_times),
                paths_per_s=round(len(self.path_times) / duration, 1),
                path_ms=summary_ms(self.path_times),
                steps_ms={step: summary_ms(self.by_step[step]) for step in STEPS},
                codes_used=self.next_code,
                codes_reused=self.reused,
            )
        return result


async def drive(args) -> dict:
    codes = Path(args.codes).read_text().split() if args.codes else []
    if args.scenario == "join" and not codes:
        raise SystemExit("the join scenario needs --codes FILE")
    think = tuple(float(value) for value in args.think.split(",")) if args.think else (0, 0)
    run = Run(args.base, args.warmup, args.duration, codes, think)
    timeout = aiohttp.ClientTimeout(total=10)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()) as http:
        user = {"join": run.survivor_user, "ceiling": run.ceiling_user, "floor": run.floor_user}[args.scenario]
        tasks = [asyncio.create_task(user(http)) for _ in range(args.users)]
        done, pending = await asyncio.wait(tasks, timeout=args.warmup + args.duration + 15)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            if task.exception() is not None:
                run.errors[f"driver: {type(task.exception()).__name__}"] += 1
    return run.result(args.scenario, args.users, args.duration)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", choices=("join", "ceiling", "floor"))
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT (loopback only)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--codes", help="file of plain codes, one per line (join)")
    parser.add_argument("--think", help="MIN,MAX seconds each user waits before each request (default: none)")
    parser.add_argument("--out", help="write the result here as JSON (default: stdout)")
    args = parser.parse_args(argv)
    if not args.base.startswith(("http://127.0.0.1:", "http://localhost:")):
        raise SystemExit("the load stays on loopback: --base must be http://127.0.0.1:PORT")
    try:
        from uvloop import run  # installed with uvicorn[standard]: a lighter client
    except ImportError:
        run = asyncio.run
    emit(run(drive(args)), args.out)


if __name__ == "__main__":
    main(sys.argv[1:])
