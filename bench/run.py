"""`make bench`: the app measured against the ceiling of the same machine (bench/README.md).

Sets up a bench database on the local PostgreSQL and a Redis database, with
production-like settings (DEBUG off, real secrets, PostgreSQL pool, Redis
cache and channel layer); seeds data; starts the servers as subprocesses on
loopback ports; runs each bench with its own time limit; stops every server
it started, even on failure; merges bench/results/*.json into
bench/results/latest.json and writes the figures into docs/benchmarks.md.

    .venv/bin/python bench/run.py             # everything
    .venv/bin/python bench/run.py --quick     # shorter runs, to try the machinery
    .venv/bin/python bench/run.py --only join,slots
    .venv/bin/python bench/run.py --profile   # also py-spy on the join path (var/bench/*.txt)

Only loopback addresses are used: BENCH_DATABASE_URL and BENCH_REDIS_URL
(defaults below) must point at 127.0.0.1 or localhost.
"""

import argparse
import fcntl
import json
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common, report  # noqa: E402
from sessions.jitsi import create_system_key  # noqa: E402

RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "var" / "bench"
PY = sys.executable
HOST = "127.0.0.1"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/advocacy_bench")
DATABASE_NAME = urlsplit(DATABASE_URL).path.lstrip("/")
ADMIN_URL = urlsplit(DATABASE_URL)._replace(path="/postgres").geturl()  # the same server's maintenance database
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
PHASES = ("join", "sockets", "slots", "purge", "reports")
USERS = 50
# Seconds: (warm-up, join, ceiling) for the two layouts compared, and for the quick variants.
MAIN_RUN, VARIANT_RUN, QUICK_RUN = (3, 30, 20), (3, 12, 12), (2, 6, 6)
CODES_MAIN, CODES_VARIANT = 7000, 3500  # more than 40 survivor paths a second can use
# The same 50 users, each waiting 1-3 s before every request as a person does: latency below saturation.
THINK, THINK_RUN, THINK_CODES = "1,3", (5, 30, 0), 1000
OTHER_TIMEOUT = int(os.environ.get("BENCH_OTHER_TIMEOUT", "300"))  # each of purge and reports


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- settings and services ---------------------------------------------------------------------------


def loopback_only(url: str, name: str) -> None:
    if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"{name} must point at 127.0.0.1 or localhost: the bench only uses loopback")


def bench_env() -> dict:
    """Production settings (tests/test_settings.py production_env), on plain HTTP over loopback."""
    from cryptography.fernet import Fernet

    WORK.mkdir(parents=True, exist_ok=True)
    key_file = WORK / "jitsi-system-key.pem"
    if not key_file.exists():
        create_system_key(key_file)
    # Made once, kept under var/ (never committed): bench/profile.py reads the same database later.
    kept = WORK / "secrets.json"
    if not kept.exists():
        kept.write_text(json.dumps({
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "JITSI_APP_SECRET": secrets.token_urlsafe(40),
            "JITSI_WEBHOOK_SECRET": secrets.token_urlsafe(40),
        }))
        kept.chmod(0o600)
    made = json.loads(kept.read_text())
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": made["SECRET_KEY"],
        "FIELD_ENCRYPTION_KEYS": made["FIELD_ENCRYPTION_KEYS"],
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"http://{HOST}",
        # Plain HTTP on loopback: no TLS proxy in front, so no redirect, HSTS or Secure cookies.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        # Never reached by the benches; a loopback address all the same.
        "JITSI_ORIGIN": "https://127.0.0.1:9",
        "JITSI_APP_SECRET": made["JITSI_APP_SECRET"],
        "JITSI_WEBHOOK_SECRET": made["JITSI_WEBHOOK_SECRET"],
        "JITSI_SYSTEM_KEY_FILE": str(key_file),
        "JITSI_SYSTEM_KEY_ID": "advocacy-bench",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        # Valid codes never count as failures; raised all the same, so a load test cannot trip it.
        "JOIN_FAILURE_LIMIT": "100",
        "JOIN_PROGRAM_FAILURE_LIMIT": "100000",
        "EMAIL_BACKEND": "locmem",
        "SMS_BACKEND": "console",
        "LOG_LEVEL": "WARNING",
        "VAR_DIR": str(WORK),
    }
    return env


def reset_database() -> None:
    """A fresh bench database on every run (it is only ever the bench's)."""
    import psycopg

    if not DATABASE_NAME.replace("_", "").isalnum():
        raise SystemExit(f"unexpected database name {DATABASE_NAME!r}")
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def clear_channel_layer() -> None:
    """Drops channels-redis keys (prefix `asgi`) left in the bench's Redis database by an earlier run."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter("asgi*", count=1000))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])
    client.close()


def run_step(name: str, argv: list[str], env: dict, timeout: float) -> subprocess.CompletedProcess:
    log(f"{name}: {' '.join(argv[1:])}")
    started = time.monotonic()
    done = subprocess.run(argv, cwd=ROOT, env=env, timeout=timeout, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed ({done.returncode}): {(done.stderr or done.stdout)[-3000:]}")
    log(f"{name}: done in {time.monotonic() - started:.0f} s")
    return done


def cpu_sample() -> tuple[int, int]:
    """(all, idle) jiffies of all cores since boot (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values), values[3] + values[4]  # idle + iowait


def cpu_busy(seconds: float = 1.0) -> float:
    """The share of all cores busy over `seconds`."""
    total, idle = cpu_sample()
    time.sleep(seconds)
    total2, idle2 = cpu_sample()
    return round(1 - (idle2 - idle) / max(1, total2 - total), 2)


def wait_for_quiet(limit: float = 15, threshold: float = 0.25) -> float:
    """Other work on the machine skews every figure: wait a little for it to stop, and say how busy it was."""
    deadline = time.monotonic() + limit
    busy = cpu_busy()
    while busy > threshold and time.monotonic() < deadline:
        busy = cpu_busy()
    if busy > threshold:
        log(f"the machine is {busy:.0%} busy with other work; measuring anyway")
    return busy


# --- servers --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def uvicorn(port: int, workers: int) -> list[str]:
    """As in deploy/docker-compose.yml: no access log, no proxy headers."""
    return [PY, "-m", "uvicorn", "advocacy.asgi:application", "--host", HOST, "--port", str(port),
            "--workers", str(workers), "--no-access-log", "--no-proxy-headers", "--no-server-header",
            "--log-level", "warning"]


def gunicorn(port: int, workers: int, threads: int = 1) -> list[str]:
    """gunicorn keeps no access log unless told to."""
    worker_class = "gthread" if threads > 1 else "sync"
    return [PY, "-m", "gunicorn", "advocacy.wsgi:application", "--bind", f"{HOST}:{port}",
            "--workers", str(workers), "--worker-class", worker_class, "--threads", str(threads),
            "--log-level", "warning", "--no-control-socket"]


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 1)  # utime + stime


def process_role(pid: int, main: int) -> str:
    if pid == main:
        return "main"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return "worker"
    return "multiprocessing resource tracker" if b"resource_tracker" in command else "worker"


class Server:
    """A server started in its own process group; stop() ends that group, and only it."""

    running: list["Server"] = []

    def __init__(self, name: str, argv: list[str], port: int, env: dict):
        self.name, self.argv, self.port, self.env = name, argv, port, env
        self.process: subprocess.Popen | None = None
        self.log_path = WORK / f"server-{name}.log"

    def start(self) -> "Server":
        log(f"start {self.name} on {HOST}:{self.port}")
        output = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.argv, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        output.close()
        Server.running.append(self)
        return self

    def wait_ready(self, path: str = "/bench/ceiling", timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        url = f"http://{HOST}:{self.port}{path}"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        time.sleep(1)  # the other workers finish starting
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer {url} within {timeout} s")

    def pids(self) -> list[int]:
        """Every process of the server's group: the server, its workers."""
        if self.process is None:
            return []
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.getpgid(int(entry.name)) == self.process.pid:
                        found.append(int(entry.name))
                except (ProcessLookupError, PermissionError):
                    continue
        return sorted(found)

    def memory(self) -> list[dict]:
        rows = []
        for pid in self.pids():
            try:
                memory = common.process_memory(pid)
            except OSError:
                continue  # it has ended
            rows.append(
                {"server": self.name, "process": process_role(pid, self.process.pid), "pid": pid, **memory,
                 "cpu_s": cpu_seconds(pid)}
            )
        return rows

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self._forget()
            return
        log(f"stop {self.name}")
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        self._forget()

    def _forget(self) -> None:
        if self in Server.running:
            Server.running.remove(self)

    @classmethod
    def stop_all(cls) -> None:
        for server in list(cls.running):
            server.stop()


# --- 1, 5, 6: the join path, the ceiling, serving layouts ---------------------------------------------


def layouts(quick: bool) -> list[dict]:
    """The two layouts the issue compares, then quick variants of the worker counts."""
    main = QUICK_RUN if quick else MAIN_RUN
    variant = QUICK_RUN if quick else VARIANT_RUN
    chosen = [
        {"key": "a", "label": "(a) uvicorn, 2 workers: HTTP and WebSocket", "servers": [("asgi", "uvicorn", 2)],
         "times": main, "compared": True},
        {"key": "b", "label": "(b) gunicorn, 5 sync workers: HTTP; uvicorn, 1 worker: WebSocket",
         "servers": [("wsgi", "gunicorn", 5), ("ws", "uvicorn", 1)], "times": main, "compared": True},
    ]
    if not quick:
        chosen += [
            {"key": "a1", "label": "uvicorn, 1 worker", "servers": [("asgi", "uvicorn", 1)], "times": variant},
            {"key": "a4", "label": "uvicorn, 4 workers", "servers": [("asgi", "uvicorn", 4)], "times": variant},
            {"key": "b-gthread", "label": "gunicorn, 2 gthread workers x 4 threads; uvicorn, 1 worker",
             "servers": [("wsgi", "gunicorn-gthread", 2), ("ws", "uvicorn", 1)], "times": variant},
        ]
    return chosen


def start_layout(layout: dict, env: dict) -> tuple[list[Server], int]:
    servers, http_port = [], None
    for name, kind, workers in layout["servers"]:
        port = free_port()
        if kind == "uvicorn":
            argv = uvicorn(port, workers)
        elif kind == "gunicorn":
            argv = gunicorn(port, workers)
        else:
            argv = gunicorn(port, workers, threads=4)
        server = Server(f"{layout['key']}-{name}", argv, port, env).start()
        servers.append(server)
        if http_port is None:
            http_port = port  # the first server answers HTTP
    for server in servers:
        server.wait_ready()
    return servers, http_port


def database_backends() -> dict[int, float]:
    """CPU seconds of every PostgreSQL backend connected to the bench database (the servers' pools)."""
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        pids = [row[0] for row in connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [DATABASE_NAME]
        )]
    return {pid: cpu for pid in pids if (cpu := cpu_seconds(pid)) is not None}


def servers_cpu(servers: list["Server"]) -> dict[int, float]:
    return {pid: cpu for server in servers for pid in server.pids() if (cpu := cpu_seconds(pid)) is not None}


def spent(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def drive(scenario: str, port: int, times: tuple, env: dict, codes: Path | None, name: str,
          servers: list["Server"] | None = None, think: str | None = None) -> dict:
    warmup, join_s, ceiling_s = times
    duration = join_s if scenario == "join" else ceiling_s
    out = WORK / f"load-{name}-{scenario}{'-think' if think else ''}.json"
    argv = [PY, "-m", "bench.joinload", scenario, "--base", f"http://{HOST}:{port}", "--users", str(USERS),
            "--warmup", str(warmup), "--duration", str(duration), "--out", str(out)]
    if think:
        argv += ["--think", think]
    if codes is not None:
        argv += ["--codes", str(codes)]
    busy = wait_for_quiet()
    app_before, db_before, machine_before = servers_cpu(servers or []), database_backends(), cpu_sample()
    run_step(f"{name} {scenario}{' with think time' if think else ''}", argv, env, timeout=warmup + duration + 60)
    app_cpu, db_cpu = spent(app_before, servers_cpu(servers or [])), spent(db_before, database_backends())
    machine_after = cpu_sample()
    result = json.loads(out.read_text())
    result["machine_busy_before"] = busy
    # The cores' busy time that was neither the servers, their database backends nor the driver:
    # other people's work, and PostgreSQL's and Redis's own background work.
    tick = os.sysconf("SC_CLK_TCK")
    all_s = (machine_after[0] - machine_before[0]) / tick
    busy_s = all_s - (machine_after[1] - machine_before[1]) / tick
    other = busy_s - app_cpu - db_cpu - result["driver_cpu_s"]
    result["other_work_share"] = round(max(0.0, other / all_s), 2) if all_s else None
    # CPU per answered request, warm-up included: less sensitive to other work on the machine than req/s.
    answered = max(1, result["answered_all"])
    result["server_cpu_ms_per_request"] = round(1000 * app_cpu / answered, 2)
    result["postgres_cpu_ms_per_request"] = round(1000 * db_cpu / answered, 2)
    return result


def profile_join(servers: list[Server], port: int, env: dict, codes: Path, layout: dict) -> dict:
    """py-spy on the HTTP server's processes while the join path is under load: collapsed stacks.

    Blocking mode at a low rate: here --nonblocking and --gil see almost no samples of the
    request threads. Each sample pauses the process, so this run's own figures are slower.
    """
    target = servers[0]
    out = WORK / f"profile-{layout['key']}.txt"
    spy = subprocess.Popen(
        [str(Path(PY).parent / "py-spy"), "record", "--pid", str(target.process.pid), "--subprocesses",
         "--duration", "12", "--rate", "25", "--format", "raw", "--output", str(out)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        drive("join", port, (2, 12, 0), env, codes, f"{layout['key']}-profiled")
        spy.wait(timeout=30)
    finally:
        if spy.poll() is None:
            spy.kill()
    return {"collapsed_stacks": str(out.relative_to(ROOT)), "top": report.top_frames(out)}


def join_phase(env: dict, quick: bool, profile: bool, only_layouts: list[str] | None = None) -> dict:
    chosen = [layout for layout in layouts(quick) if not only_layouts or layout["key"] in only_layouts]
    budgets = [CODES_MAIN if layout.get("compared") else CODES_VARIANT for layout in chosen]
    if quick:
        budgets = [1500 for _ in chosen]
    extra_runs = [layout for layout in chosen if layout.get("compared")]
    budgets += [THINK_CODES for _ in extra_runs]
    if profile:
        budgets += [3000 for _ in extra_runs]
    all_codes = WORK / "codes.txt"
    run_step("seed codes", [PY, "-m", "bench.fixtures", "codes", str(sum(budgets)), str(all_codes)], env, 600)
    codes = all_codes.read_text().split()
    slices, offset = [], 0
    for index, budget in enumerate(budgets):
        path = WORK / f"codes-{index}.txt"
        path.write_text("\n".join(codes[offset : offset + budget]))
        slices.append(path)
        offset += budget
    runs, profiles = [], {}
    paced_codes = iter(slices[len(chosen) : len(chosen) + len(extra_runs)])
    profiled_codes = iter(slices[len(chosen) + len(extra_runs) :])
    for layout, codes_file in zip(chosen, slices):
        servers, port = start_layout(layout, env)
        try:
            ceiling = drive("ceiling", port, layout["times"], env, None, layout["key"], servers)
            # The least any survivor page does (bench/urls.py): where a page's own cost starts.
            floor = None
            if layout.get("compared"):
                floor = drive("floor", port, layout["times"], env, None, layout["key"], servers)
            join = drive("join", port, layout["times"], env, codes_file, layout["key"], servers)
            paced = None
            if layout.get("compared"):
                times = QUICK_RUN if quick else THINK_RUN
                paced = drive("join", port, times, env, next(paced_codes), layout["key"], servers, think=THINK)
            if profile and layout.get("compared"):
                profiles[layout["key"]] = profile_join(servers, port, env, next(profiled_codes), layout)
            memory = [row for server in servers for row in server.memory()]
        finally:
            for server in servers:
                server.stop()
        runs.append(
            {
                "key": layout["key"],
                "label": layout["label"],
                "compared": bool(layout.get("compared")),
                "ceiling": ceiling,
                "join": join,
                "rps_ratio": round(join["rps"] / ceiling["rps"], 3) if ceiling["rps"] else None,
                "floor": floor,
                "floor_ratio": round(floor["rps"] / ceiling["rps"], 3) if floor and ceiling["rps"] else None,
                "join_think": paced,
                "memory": memory,
            }
        )
        log(f"{layout['key']}: ceiling {ceiling['rps']} req/s, join {join['rps']} req/s "
            f"(p95 {join['latency_ms']['p95']} ms, errors {join['errors']})")
    result = {"users": USERS, "runs": runs}
    if profiles:
        result["profiles"] = profiles
    return result


# --- 2: the waiting room ----------------------------------------------------------------------------


def sockets_phase(env: dict, quick: bool) -> dict:
    port = free_port()
    server = Server("sockets-uvicorn", uvicorn(port, 1), port, env).start()
    out = WORK / "sockets.json"
    try:
        server.wait_ready()
        counts, hold = ("100,300", "3") if quick else ("100,1000", "30")
        argv = [PY, "-m", "bench.sockets", "--port", str(port), "--pid", str(server.process.pid),
                "--counts", counts, "--hold", hold, "--out", str(out)]
        run_step("sockets", argv, env, timeout=420)
        result = json.loads(out.read_text())
        result["memory"] = server.memory()
    finally:
        server.stop()
    return result


# --- 3: the slot finder -------------------------------------------------------------------------------


def slots_phase(env: dict, quick: bool) -> dict:
    out = WORK / "slots.json"
    argv = [PY, "-m", "bench.slots", "--repeat", "3" if quick else "7", "--out", str(out)]
    run_step("slots", argv, env, timeout=300)
    return json.loads(out.read_text())


# --- 4: purge and reports (other people's scripts) ---------------------------------------------------


def other_phase(name: str, env: dict) -> dict | None:
    result = RESULTS / f"{name}.json"
    started = time.time()
    try:
        run_step(name, [PY, "-m", f"bench.{name}"], env, timeout=OTHER_TIMEOUT)
    except subprocess.TimeoutExpired:
        log(f"{name}: stopped after {OTHER_TIMEOUT} s")
        return {"skipped": f"bench/{name}.py did not finish within {OTHER_TIMEOUT} s"}
    if not result.exists() or result.stat().st_mtime < started:
        return {"skipped": f"bench/{name}.py ran but wrote no bench/results/{name}.json"}
    return None  # its own file is merged as it is


# --- machine ----------------------------------------------------------------------------------------------


def machine() -> dict:
    info = common.machine()
    for package in ("Django", "channels", "channels-redis", "uvicorn", "gunicorn", "psycopg", "aiohttp"):
        try:
            info[package.lower()] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package.lower()] = None
    try:
        import psycopg

        with psycopg.connect(ADMIN_URL) as connection:
            info["postgresql"] = connection.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # noqa: BLE001 (a figure, not a failure)
        info["postgresql"] = f"unknown ({type(error).__name__})"
    try:
        import redis

        info["redis"] = redis.Redis.from_url(REDIS_URL).info("server")["redis_version"]
    except Exception as error:  # noqa: BLE001
        info["redis"] = f"unknown ({type(error).__name__})"
    return info


# --- the run ------------------------------------------------------------------------------------------------


def raise_open_files() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 8192 if hard == resource.RLIM_INFINITY else min(hard, 8192)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short runs, to try the machinery")
    parser.add_argument("--only", help=f"comma-separated phases of {','.join(PHASES)}")
    parser.add_argument("--profile", action="store_true", help="py-spy on the join path of (a) and (b)")
    parser.add_argument("--layouts", help="comma-separated serving layouts of the join phase (a,b,a1,a4,b-gthread)")
    parser.add_argument("--no-docs", action="store_true", help="leave docs/benchmarks.md alone")
    parser.add_argument("--report", action="store_true", help="run nothing: merge the results, write the docs")
    args = parser.parse_args(argv)
    phases = [] if args.report else args.only.split(",") if args.only else list(PHASES)
    unknown = set(phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    loopback_only(DATABASE_URL, "BENCH_DATABASE_URL")
    loopback_only(REDIS_URL, "BENCH_REDIS_URL")
    raise_open_files()
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    RESULTS.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    # Two runs at once would drop each other's database and servers' files: the second one stops here.
    lock = (WORK / "run.lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SystemExit("another bench run is going on (var/bench/run.lock): wait for it to end") from None
    started = time.monotonic()
    env = bench_env()
    failures: dict[str, str] = {}
    notes: dict[str, dict] = {}
    try:
        if phases:
            log(f"database {DATABASE_URL}, Redis {REDIS_URL}")
            reset_database()
            clear_channel_layer()
            run_step("migrate", [PY, "manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=300)
        only_layouts = args.layouts.split(",") if args.layouts else None
        own = {"join": lambda: join_phase(env, args.quick, args.profile, only_layouts),
               "sockets": lambda: sockets_phase(env, args.quick),
               "slots": lambda: slots_phase(env, args.quick)}
        for phase in phases:
            try:
                if phase in own:
                    (RESULTS / f"{phase}.json").unlink(missing_ok=True)
                    result = own[phase]()
                    result["quick"] = args.quick
                    (RESULTS / f"{phase}.json").write_text(json.dumps(result, indent=2))
                else:
                    note = other_phase(phase, env)
                    if note:
                        notes[phase] = note
            except Exception as error:  # noqa: BLE001 (one phase failing does not stop the others)
                failures[phase] = f"{type(error).__name__}: {str(error)[-1500:]}"
                log(f"{phase} FAILED: {failures[phase]}")
            finally:
                Server.stop_all()
    except KeyboardInterrupt:
        failures["run"] = "interrupted"
        log("interrupted")
    finally:
        Server.stop_all()
        try:
            if phases:
                clear_channel_layer()
        except Exception:  # noqa: BLE001
            pass
    merged = report.merge(RESULTS, machine(), phases, notes, failures, round(time.monotonic() - started))
    (RESULTS / "latest.json").write_text(json.dumps(merged, indent=2))
    log(f"wrote {RESULTS.relative_to(ROOT)}/latest.json")
    if not args.no_docs:
        report.write_docs(merged, ROOT / "docs" / "benchmarks.md")
        log("wrote docs/benchmarks.md")
    print(report.summary(merged), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
