"""The waiting room: WebSockets held by one server process, and the time from admit to the page.

    python -m bench.sockets --port 8103 --pid 12345 --counts 100,1000 --out FILE

For each count: that many survivors, each checked in with a visit of their own
in the server-side session, open /ws/join/ on the server (one uvicorn process
with channels-redis) with their session cookie. Then the advocates admit them,
at ADMIT_RATE a second: for each, the time from the start of
`sessions.services.admit(appointment)` (as the staff page calls it) until that
survivor's socket receives {"what": "admitted"}. Before the first admit they all
wait --hold seconds; a socket the server closes meanwhile is counted. The
server's memory is read from /proc/<pid>/status before, while holding the
sockets, and at its peak.

Bounded: each connection has 15 s, each round ROUND_LIMIT seconds.
"""

import argparse
import asyncio
import json
import sys
import time

import aiohttp

from bench.common import emit, process_memory, summary_ms
from bench.fixtures import setup

ADMIT_RATE = 50  # admits a second, all advocates together
OPENING_AT_ONCE = 50
ROUND_LIMIT = 180
WARM_UP = 12  # admits before the first round, not timed


class Round:
    def __init__(self, port: int, visits: list[tuple[int, str]], appointments: dict, hold: float = 1):
        self.port = port
        self.hold = hold
        self.visits = visits
        self.appointments = appointments
        self.sockets: dict[int, aiohttp.ClientWebSocketResponse] = {}
        self.connect_times: list[float] = []
        self.refused = 0
        self.admitted_at: dict[int, float] = {}
        self.received_at: dict[int, float] = {}
        self.all_received = asyncio.Event()
        self.closed_early: list[dict] = []
        self.closing = False
        self.began = time.perf_counter()
        self.phases: dict[str, float] = {}

    async def open(self, http, appointment_id: int, session_key: str, gate: asyncio.Semaphore):
        async with gate:
            began = time.perf_counter()
            try:
                socket = await http.ws_connect(
                    f"ws://127.0.0.1:{self.port}/ws/join/",
                    origin=f"http://127.0.0.1:{self.port}",
                    headers={"Cookie": f"session={session_key}"},
                    timeout=aiohttp.ClientWSTimeout(ws_receive=None, ws_close=5),
                    autoping=True,
                )
            except (aiohttp.ClientError, asyncio.TimeoutError):
                self.refused += 1
                return
            self.connect_times.append(time.perf_counter() - began)
            self.sockets[appointment_id] = socket

    async def listen(self, appointment_id: int, socket):
        async for message in socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            if json.loads(message.data) == {"what": "admitted"}:
                self.received_at[appointment_id] = time.perf_counter()
                if len(self.received_at) == len(self.sockets):
                    self.all_received.set()
        if appointment_id not in self.received_at and not self.closing:
            # The server closed it before the admit arrived: when, and with which code.
            self.closed_early.append({"after_s": round(time.perf_counter() - self.began, 2), "code": socket.close_code})

    def admit(self, appointment_id: int) -> None:
        from sessions import services

        appointment = self.appointments[appointment_id]
        self.admitted_at[appointment_id] = time.perf_counter()
        services.admit(appointment)

    async def run(self, pid: int) -> dict:
        from asgiref.sync import sync_to_async

        before = process_memory(pid)
        gate = asyncio.Semaphore(OPENING_AT_ONCE)
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=15)) as http:
            began = time.perf_counter()
            await asyncio.gather(*(self.open(http, pk, key, gate) for pk, key in self.visits))
            opened_in = time.perf_counter() - began
            self.phases["opened_s"] = round(time.perf_counter() - self.began, 2)
            listeners = [asyncio.create_task(self.listen(pk, socket)) for pk, socket in self.sockets.items()]
            await asyncio.sleep(self.hold)  # they wait, as survivors do, before anyone is admitted
            held = process_memory(pid)
            admit = sync_to_async(self.admit, thread_sensitive=False)
            admits = []
            for pk in self.sockets:
                admits.append(asyncio.create_task(admit(pk)))
                await asyncio.sleep(1 / ADMIT_RATE)
            await asyncio.gather(*admits)
            self.phases["admitted_s"] = round(time.perf_counter() - self.began, 2)
            try:
                await asyncio.wait_for(self.all_received.wait(), timeout=10)
            except asyncio.TimeoutError:
                pass
            after = process_memory(pid)
            self.closing = True
            self.phases["closing_s"] = round(time.perf_counter() - self.began, 2)
            for socket in self.sockets.values():
                await socket.close()
            for task in listeners:
                task.cancel()
            await asyncio.gather(*listeners, return_exceptions=True)
        latencies = [self.received_at[pk] - self.admitted_at[pk] for pk in self.received_at]
        count = len(self.visits)
        grown = (held["rss_mib"] or 0) - (before["rss_mib"] or 0)
        return {
            "sockets": count,
            "held": len(self.sockets),
            "refused": self.refused,
            "open_all_s": round(opened_in, 2),
            "connect_ms": summary_ms(self.connect_times),
            "admitted": len(self.admitted_at),
            "received": len(self.received_at),
            "closed_by_server_before_admit": self.closed_early,
            "started_at": time.strftime("%H:%M:%S", time.localtime(time.time() - (time.perf_counter() - self.began))),
            "phases_s": self.phases,
            "admit_to_page_ms": summary_ms(latencies),
            "admit_rate_per_s": ADMIT_RATE,
            "waited_s": self.hold,
            "server_rss_mib": {"before": before["rss_mib"], "holding": held["rss_mib"], "after": after["rss_mib"]},
            "server_peak_rss_mib": after["peak_rss_mib"],
            "kib_per_socket": round(grown * 1024 / max(1, len(self.sockets)), 1),
        }


async def warm_up(appointments: dict, spare: list[int]) -> None:
    """The advocates' side starts cold (threads, database and Redis connections): admit a few with no socket."""
    from asgiref.sync import sync_to_async

    from sessions import services

    admit = sync_to_async(lambda pk: services.admit(appointments[pk]), thread_sensitive=False)
    await asyncio.gather(*(admit(pk) for pk in spare))


async def bench(port: int, pid: int, counts: list[int], visits: list, appointments: dict, hold: float) -> list[dict]:
    await warm_up(appointments, [pk for pk, _ in visits[sum(counts) :]])
    rounds, offset = [], 0
    for count in counts:
        batch = visits[offset : offset + count]
        offset += count
        result = await asyncio.wait_for(Round(port, batch, appointments, hold).run(pid), timeout=ROUND_LIMIT)
        rounds.append(result)
        print(f"sockets: {count} held {result['held']}, admit p95 {result['admit_to_page_ms']['p95']} ms",
              file=sys.stderr)
        await asyncio.sleep(2)  # the server notes the closed sockets before the next round
    return rounds


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True, help="the uvicorn server on 127.0.0.1")
    parser.add_argument("--pid", type=int, required=True, help="its process, for memory")
    parser.add_argument("--counts", default="100,1000")
    parser.add_argument("--hold", type=float, default=30, help="seconds all wait before the first admit")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    counts = [int(count) for count in args.counts.split(",")]
    setup()
    from bench.fixtures import waiting_visits
    from scheduling.models import Appointment

    visits = waiting_visits(sum(counts) + WARM_UP, "ws")
    appointments = Appointment.objects.select_related("advocate", "case").in_bulk([pk for pk, _ in visits])
    rounds = asyncio.run(bench(args.port, args.pid, counts, visits, appointments, args.hold))
    result = {
        "server": "uvicorn, 1 worker (one process), channels-redis",
        "rounds": rounds,
        "server_peak_rss_mib": process_memory(args.pid)["peak_rss_mib"],
    }
    emit(result, args.out)


if __name__ == "__main__":
    main(sys.argv[1:])
