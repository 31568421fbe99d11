"""What the benches share: percentiles, timing, the machine and a process's memory, writing a result."""

import json
import os
import platform
import statistics
import time
from pathlib import Path


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 2)


def summary_ms(values: list[float]) -> dict:
    """p50, p95, p99 and max of durations in seconds, in milliseconds."""
    return {
        "p50": ms(percentile(values, 0.50)),
        "p95": ms(percentile(values, 0.95)),
        "p99": ms(percentile(values, 0.99)),
        "max": ms(max(values) if values else None),
    }


def timed(work, repeat: int) -> tuple[float, object]:
    """One warm-up call (imports, connections, caches, plans), then the median seconds of `repeat` calls,
    and what the last one returned."""
    work()
    durations, value = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        value = work()
        durations.append(time.perf_counter() - began)
    return statistics.median(durations), value


def process_memory(pid: int) -> dict:
    """RSS and peak RSS (VmHWM) of a process in MiB, from /proc/<pid>/status; OSError once it has ended."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mib": fields.get("VmRSS"), "peak_rss_mib": fields.get("VmHWM")}


def machine() -> dict:
    """Cores, CPU model, memory, OS and Python of this machine; each bench adds its own figures."""
    memory_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal:")
    )
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def emit(result: dict, out: str | None) -> None:
    """The result as JSON: into `out` (the runner reads it there), or on stdout."""
    text = json.dumps(result, indent=2)
    if out:
        Path(out).write_text(text)
    else:
        print(text)
