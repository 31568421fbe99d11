"""What the benches share: percentiles and writing a result."""

import json
from pathlib import Path


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 2)


def summary_ms(values: list[float]) -> dict:
    """p50, p95, p99 and max of durations in seconds, in milliseconds."""
    return {
        "p50": _ms(percentile(values, 0.50)),
        "p95": _ms(percentile(values, 0.95)),
        "p99": _ms(percentile(values, 0.99)),
        "max": _ms(max(values) if values else None),
    }


def emit(result: dict, out: str | None) -> None:
    """The result as JSON: into `out` (the runner reads it there), or on stdout."""
    text = json.dumps(result, indent=2)
    if out:
        Path(out).write_text(text)
    else:
        print(text)
