"""Merging bench/results/*.json into latest.json, and the figures section of docs/benchmarks.md."""

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

BEGIN = "<!-- figures: written by `make bench` (bench/run.py); edit the text outside these two markers -->"
END = "<!-- end of figures -->"
TARGETS = {"join_ratio": 0.5, "join_p95_ms": 100, "sockets": 1000, "admit_p95_ms": 200, "purge": 3, "reports": 2}


def merge(results: Path, machine: dict, phases: list, notes: dict, failures: dict, seconds: int) -> dict:
    merged = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": seconds,
        "machine": machine,
        "phases_run": phases,
        "failures": failures,
        "skipped": notes,
        "files": {},
    }
    for path in sorted(results.glob("*.json")):
        if path.name == "latest.json":
            continue
        try:
            merged[path.stem] = json.loads(path.read_text())
        except ValueError as error:
            failures[path.stem] = f"bench/results/{path.name} is not JSON: {error}"
            continue
        written = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
        merged["files"][path.stem] = written
    merged["targets"] = targets(merged)
    merged["layout"] = layout_choice(merged)
    return merged


# --- targets ------------------------------------------------------------------------------------------


def ratios(data, prefix: str = "") -> list[tuple[str, float]]:
    """Every number under a key with "ratio" in its name, anywhere in a result."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if "ratio" in str(key).lower() and isinstance(value, (int, float)) and not isinstance(value, bool):
                found.append((name, float(value)))
            else:
                found += ratios(value, name)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += ratios(value, f"{prefix}[{index}]")
    return found


def compared_runs(merged: dict) -> list[dict]:
    return [run for run in merged.get("join", {}).get("runs", []) if run.get("compared")]


def targets(merged: dict) -> list[dict]:
    rows = []
    for run in compared_runs(merged):
        join = run["join"]
        rows.append(
            {
                "target": f"join path req/s at least {TARGETS['join_ratio']}x the bare view, {run['label']}",
                "figure": f"{run['rps_ratio']}x ({join['rps']} vs {run['ceiling']['rps']} req/s)"
                + (f"; by CPU a request {round(cost(run, 'ceiling') / cost(run), 3)}x "
                   f"({cost(run, 'ceiling')} vs {cost(run)} ms)" if cost(run) and cost(run, "ceiling") else "")
                + (f"; the floor of any survivor page: {run['floor_ratio']}x" if run.get("floor_ratio") else ""),
                "met": run["rps_ratio"] is not None and run["rps_ratio"] >= TARGETS["join_ratio"],
            }
        )
        loads = [(join, "without think time", "")]
        if paced := run.get("join_think"):
            loads.append((paced, f"who think {think_range(paced)} s", f" ({paced['rps']} req/s)"))
        for load, how, more in loads:
            p95 = load["latency_ms"]["p95"]
            rows.append(
                {
                    "target": f"join path p95 under {TARGETS['join_p95_ms']} ms at {load['users']} users "
                    f"{how}, {run['label']}",
                    "figure": f"{p95} ms{more}",
                    "met": p95 is not None and p95 < TARGETS["join_p95_ms"],
                }
            )
    for round_ in merged.get("sockets", {}).get("rounds", []):
        if round_["sockets"] >= TARGETS["sockets"]:
            p95 = round_["admit_to_page_ms"]["p95"]
            rows.append(
                {
                    "target": f"{TARGETS['sockets']:,} waiting sockets, admit p95 under {TARGETS['admit_p95_ms']} ms",
                    "figure": f"{round_['held']:,} held, p95 {p95} ms",
                    "met": round_["held"] >= TARGETS["sockets"] and p95 is not None
                    and p95 < TARGETS["admit_p95_ms"],
                }
            )
    for name in ("purge", "reports"):
        limit = TARGETS[name]
        found = ratios(merged.get(name, {}))
        if not found:
            reason = merged.get("skipped", {}).get(name, {}).get("skipped") or "no result"
            rows.append({"target": f"{name} within {limit}x raw SQL", "figure": reason, "met": None})
            continue
        worst = max(found, key=lambda item: item[1])
        rows.append(
            {
                "target": f"{name} within {limit}x raw SQL",
                "figure": f"{worst[1]:g}x (highest of {len(found)}: {worst[0]})",
                "met": worst[1] <= limit,
            }
        )
    return rows


def think_range(result: dict) -> str:
    """The think time of a paced join-path run, "1–3"."""
    return "–".join(f"{value:g}" for value in result["think_s"])


def cost(run: dict, scenario: str = "join") -> float | None:
    """CPU milliseconds one request costs: the app server's processes plus their PostgreSQL backends."""
    result = run.get(scenario) or {}
    if result.get("server_cpu_ms_per_request") is None:
        return None
    return round(result["server_cpu_ms_per_request"] + result.get("postgres_cpu_ms_per_request", 0), 2)


def layout_choice(merged: dict) -> dict | None:
    """The faster layout is the one whose join-path request costs less CPU.

    In production the load comes from elsewhere, so a server's capacity is its cores over the CPU a
    request costs. Requests a second measured here also depend on the share of the two cores the
    load driver takes (more for gunicorn, which closes every connection), and on other work.
    """
    runs = {run["key"]: run for run in compared_runs(merged)}
    if not {"a", "b"} <= runs.keys() or cost(runs["a"]) is None or cost(runs["b"]) is None:
        return None
    costs = {key: cost(runs[key]) for key in ("a", "b")}
    winner, loser = ("a", "b") if costs["a"] <= costs["b"] else ("b", "a")
    return {
        "faster": winner,
        "label": runs[winner]["label"],
        "join_cpu_ms_per_request": costs,
        "less_cpu_percent": round(100 * (1 - costs[winner] / costs[loser]), 1),
        "capacity_per_core_rps": {key: round(1000 / value, 1) for key, value in costs.items()},
        "join_rps": {key: runs[key]["join"]["rps"] for key in ("a", "b")},
        "join_p95_ms": {key: runs[key]["join"]["latency_ms"]["p95"] for key in ("a", "b")},
        "more_rps_percent": round(100 * (runs[winner]["join"]["rps"] / runs[loser]["join"]["rps"] - 1), 1)
        if runs[loser]["join"]["rps"] else None,
    }


# --- profiles -------------------------------------------------------------------------------------------


# Leaves where a thread waits (for a lock, a connection, the database's answer, the event loop): not CPU.
WAITING = ("Condition.wait", "Event.wait", "Connection.wait (psycopg", "_worker (concurrent", "Runner.run",
           "_wait_for_tstate_lock", "select (", "poll (", "epoll", "SocketBuffer._read_from_socket",
           "Arbiter.sleep", "Arbiter.wait_for_signals", "SyncWorker.wait", "Connection._recv")


def top_frames(collapsed: Path, count: int = 25) -> dict:
    """From py-spy's raw output, waiting left out: where the samples are (self) and what they are under."""
    if not collapsed.exists():
        return {}
    own, under, total, waiting = Counter(), Counter(), 0, 0
    for line in collapsed.read_text().splitlines():
        stack, _, samples = line.rpartition(" ")
        if not samples.isdigit():
            continue
        samples = int(samples)
        frames = stack.split(";")
        if frames[-1].startswith(WAITING):
            waiting += samples
            continue
        total += samples
        own[frames[-1]] += samples
        for frame in set(frames):
            under[frame] += samples

    def share(counter):
        return [(frame, round(100 * samples / max(1, total), 1)) for frame, samples in counter.most_common(count)]

    return {"samples": total, "waiting_samples": waiting, "self_percent": share(own),
            "inclusive_percent": share(under)}


# --- docs/benchmarks.md ------------------------------------------------------------------------------------


def _v(value, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        value = f"{value:,.1f}" if abs(value) >= 10 else f"{value:g}"
    elif isinstance(value, int):
        value = f"{value:,}"
    return f"{value}{suffix}"


def _table(head: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(_v(cell) if not isinstance(cell, str) else cell for cell in row) + " |" for row in rows]
    return lines


def _last_line(message: str) -> str:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return (lines[-1] if lines else message)[:200]


def _share(result: dict) -> str:
    share = result.get("other_work_share")
    return "–" if share is None else f"{share:.0%}"


def _met(value) -> str:
    return {True: "yes", False: "**no**", None: "not measured"}[value]


def figures(merged: dict) -> list[str]:
    machine = merged["machine"]
    out = [
        f"Measured {merged['generated_at']} by `make bench` ({merged['duration_s']} s"
        + (", quick mode" if any(merged.get(k, {}).get("quick") for k in ("join", "sockets", "slots")) else "")
        + ").",
        "",
        f"**Machine:** {machine['cores']} cores ({machine['cpu']}), {machine['memory_gib']} GiB memory, "
        f"{machine['os']}; Python {machine['python']}, PostgreSQL {machine['postgresql']}, "
        f"Redis {machine['redis']}; Django {machine['django']}, Channels {machine['channels']}, "
        f"channels-redis {machine['channels-redis']}, uvicorn {machine['uvicorn']}, gunicorn {machine['gunicorn']}, "
        f"psycopg {machine['psycopg']}. The load driver runs on the same cores as the servers and the databases.",
        "",
    ]
    if merged.get("failures"):
        out += ["**Failed:** " + "; ".join(f"{k}: {_last_line(v)}" for k, v in merged["failures"].items())
                + " (whole messages in `bench/results/latest.json`)", ""]
    out += ["### Targets", ""]
    out += _table(["target", "figure", "met"], [[r["target"], r["figure"], _met(r["met"])] for r in merged["targets"]])
    out += [""]

    join = merged.get("join")
    if join:
        out += [f"### 1. Join path under load ({join['users']} concurrent users, no think time)", ""]
        rows = []
        for run in join["runs"]:
            j, c = run["join"], run["ceiling"]
            rows.append([run["label"], c["rps"], c["latency_ms"]["p95"], j["rps"], run["rps_ratio"],
                         j["latency_ms"]["p50"], j["latency_ms"]["p95"], j["latency_ms"]["p99"],
                         j["errors"] + c["errors"], j.get("paths_per_s"), cost(run, "ceiling"), cost(run),
                         f"{_share(c)} / {_share(j)}"])
        out += _table(["server", "bare view req/s", "bare p95 ms", "join req/s", "ratio", "join p50 ms",
                       "join p95 ms", "join p99 ms", "errors", "survivors/s", "bare CPU ms/req",
                       "join CPU ms/req", "other work"], rows)
        out += ["", "CPU ms/req: the app server's processes and their PostgreSQL backends, divided by the "
                "answers (the load driver shares the two cores; its own CPU is not in it). Other work: the "
                "share of the cores busy during the bare-view / join run with anything but the servers, their "
                "database backends and the driver (other people's work, PostgreSQL's and Redis's own).",
                ""]
        floors = [run for run in join["runs"] if run.get("floor")]
        if floors:
            out += ["The floor: `/bench/floor` (`bench/urls.py`), the least any survivor page does (the session "
                    "read and saved, one query by primary key, a page of the survivor template with its form "
                    "token), driven the same way in the same run:", ""]
            out += _table(["server", "floor req/s", "floor / bare view", "join / floor", "floor CPU ms/req"],
                          [[run["label"], run["floor"]["rps"], run["floor_ratio"],
                            round(run["join"]["rps"] / run["floor"]["rps"], 3) if run["floor"]["rps"] else None,
                            cost(run, "floor")] for run in floors]) + [""]
        paced = [run for run in join["runs"] if run.get("join_think")]
        if paced:
            out += [f"The same {join['users']} users, each waiting {think_range(paced[0]['join_think'])} s before "
                    "every request as a person reading and typing does (below saturation):", ""]
            out += _table(["server", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "other work"],
                          [[run["label"], run["join_think"]["rps"], run["join_think"]["latency_ms"]["p50"],
                            run["join_think"]["latency_ms"]["p95"], run["join_think"]["latency_ms"]["p99"],
                            run["join_think"]["errors"], _share(run["join_think"])] for run in paced]) + [""]
        out += ["", "Each survivor's path is five requests (code page, code, check-in page, check-in, "
                "waiting room); latencies are per request. Per step:", ""]
        rows = []
        for run in join["runs"]:
            if run["compared"]:
                for step, figures_ in run["join"]["steps_ms"].items():
                    rows.append([run["key"], step, figures_["p50"], figures_["p95"]])
        out += _table(["layout", "step", "p50 ms", "p95 ms"], rows) + [""]

    sockets = merged.get("sockets")
    if sockets:
        out += [f"### 2. Waiting room ({sockets['server']})", ""]
        rows = []
        for r in sockets["rounds"]:
            rss = r["server_rss_mib"]
            rows.append([r["sockets"], r["held"], r["refused"], r["open_all_s"], r["admit_to_page_ms"]["p50"],
                         r["admit_to_page_ms"]["p95"], r["admit_to_page_ms"]["max"], f"{r['received']}/{r['admitted']}",
                         len(r.get("closed_by_server_before_admit", [])), rss["before"], rss["holding"],
                         r["kib_per_socket"]])
        out += _table(["waiting survivors", "held", "refused", "opened in s", "admit→page p50 ms", "p95 ms",
                       "max ms", "received", "closed by the server while waiting", "server RSS before MiB",
                       "holding MiB", "KiB per socket"], rows)
        out += ["", f"All wait {sockets['rounds'][0].get('waited_s', 1):g} s, then advocates admit them at "
                f"{sockets['rounds'][0]['admit_rate_per_s']} a second, each timed from the start of "
                "`sessions.services.admit()` to the survivor's socket receiving `{\"what\": \"admitted\"}`. "
                f"Server peak RSS: {_v(sockets.get('server_peak_rss_mib'))} MiB.", ""]

    slots = merged.get("slots")
    if slots:
        out += ["### 3. Slot finder", ""]
        out += _table(["advocates × days", "appointments", "free slots found", "free_slots() ms",
                       "read appointments ms", "ratio"],
                      [[f"{slots['advocates']} × {slots['days']}", slots["appointments"], slots["slots_found"],
                        slots["free_slots_ms"], slots["read_appointments_ms"], slots["ratio"]]])
        out += ["", f"Medians of {slots['repeat']} runs after a warm-up, in one process.", ""]

    out += ["### 4. Purge and reports", ""]
    for name in ("purge", "reports"):
        data = merged.get(name)
        skipped = merged.get("skipped", {}).get(name)
        if skipped:
            out += [f"- {name}: {skipped['skipped']}."]
        elif not data:
            out += [f"- {name}: no bench/results/{name}.json."]
        else:
            out += [f"**{name}** (bench/{name}.py, written {merged['files'].get(name)}):", ""]
            out += _render(data)
    out += [""]

    memory_rows = []
    for run in (join or {}).get("runs", []):
        for row in run["memory"]:
            memory_rows.append([run["key"], row["server"], row["process"], row["rss_mib"], row["peak_rss_mib"]])
    for row in (sockets or {}).get("memory", []):
        memory_rows.append(["sockets", row["server"], row["process"], row["rss_mib"], row["peak_rss_mib"]])
    if memory_rows:
        out += ["### 5. Memory of each server process (at the end of its run)", ""]
        out += _table(["run", "server", "process", "RSS MiB", "peak RSS MiB (VmHWM)"], memory_rows) + [""]

    choice = merged.get("layout")
    if choice:
        cpu, rps, p95 = choice["join_cpu_ms_per_request"], choice["join_rps"], choice["join_p95_ms"]
        out += ["### 6. Serving layout", ""]
        out += [f"Faster on the join path: **{choice['label']}**: a request costs {choice['less_cpu_percent']}% "
                f"less CPU (a: {cpu['a']} ms, b: {cpu['b']} ms, so about {choice['capacity_per_core_rps']['a']} "
                f"and {choice['capacity_per_core_rps']['b']} requests a second per core); measured here, "
                f"with the load driver on the same cores: a {rps['a']} req/s (p95 {p95['a']} ms), "
                f"b {rps['b']} req/s (p95 {p95['b']} ms).", ""]
    return out


SKIP = {"machine", "bench", "quick"}


def _render(data: dict) -> list[str]:
    """Another bench's own JSON, shown as it is: its scalars in one table, each list of rows in its own."""
    scalars, tables = [], []
    for key, value in data.items():
        if key in SKIP:
            continue
        if isinstance(value, list) and value and all(isinstance(row, dict) for row in value):
            tables.append((key, value))
        elif isinstance(value, dict):
            for sub, inner in value.items():
                if isinstance(inner, list) and inner and all(isinstance(row, dict) for row in inner):
                    tables.append((f"{key}.{sub}", inner))
                elif not isinstance(inner, (dict, list)):
                    scalars.append([f"{key}.{sub}", inner])
        else:
            scalars.append([key, value])
    out = _table(["figure", "value"], scalars) + [""]
    for key, rows in tables:
        head = list(dict.fromkeys(column for row in rows for column in row))
        out += [f"{key}:", ""]
        out += _table(head, [[row.get(column) for column in head] for row in rows]) + [""]
    return out


def write_docs(merged: dict, path: Path) -> None:
    block = "\n".join([BEGIN, "", *figures(merged), END])
    text = path.read_text() if path.exists() else ""
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        _, after = rest.split(END, 1)
        path.write_text(before + block + after)
    else:
        path.write_text(f"# Benchmarks\n\nHow to run them: `bench/README.md`.\n\n{block}\n")


def summary(merged: dict) -> str:
    lines = ["", "Targets:"]
    for row in merged["targets"]:
        lines.append(f"  [{_met(row['met'])}] {row['target']}: {row['figure']}")
    choice = merged.get("layout")
    if choice:
        lines.append(f"Faster serving layout: {choice['label']} ({choice['less_cpu_percent']}% less CPU a request, "
                     f"req/s a {choice['join_rps']['a']}, b {choice['join_rps']['b']})")
    for name, note in merged.get("skipped", {}).items():
        lines.append(f"Skipped {name}: {note['skipped']}")
    for name, failure in merged.get("failures", {}).items():
        lines.append(f"FAILED {name}: {_last_line(failure)}")
    return "\n".join(lines)
