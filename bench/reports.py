"""The month and year reports over 1,000,000 sessions on PostgreSQL, against raw SQL GROUP BY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/reports.py

Creates its own database (Django's test database next to DATABASE_URL's, so
nothing real is touched), fills it in bulk, and times each report page (the
view: queries, suppression, charts and template) against hand-written SQL
GROUP BY queries that compute the same raw figures, in the same run, checking
that both give the same numbers. The staff load page is timed against SQL
that computes every figure it shows, contact hours included (STAFF_LOAD).
Two states of the data:

- "nothing folded": all 1,000,000 sessions are appointment rows (the worst
  case: the retention job has not run), so every figure is a GROUP BY over them;
- "folded": the retention job's result, finished sessions as SessionCount rows
  and each appointment marked folded (retention.FoldedAppointment).

Bounded in time: BENCH_SESSIONS (default 1000000) rows, BENCH_REPEAT (5)
timings each, median kept; a few minutes on 2 cores. Writes
bench/results/reports.json with the machine's cores and memory.
"""

import json
import os
import sys
import time
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import bench.standalone  # noqa: E402, F401  (sets Django up)
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from bench import common  # noqa: E402
from cases.models import AnonymousCount, Case  # noqa: E402
from program.models import ProgramSettings  # noqa: E402
from reports import sources, views  # noqa: E402
from reports.periods import Period, period_of  # noqa: E402
from reports.staffload import Load, hours, staff_load  # noqa: E402
from scheduling.models import ContactHours  # noqa: E402
from staff.models import User  # noqa: E402

SESSIONS = int(os.environ.get("BENCH_SESSIONS", "1000000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
ADVOCATES, CASES = 25, 20_000
ZONES = ("America/Chicago", "America/New_York", "America/Denver")
FIRST_DAY, DAYS = date(2025, 1, 1), 730  # sessions spread over two years
PERIODS = {"month": ("month", date(2026, 6, 15), None), "year": ("custom", date(2026, 1, 1), date(2026, 12, 31))}
OUT = ROOT / "bench" / "results" / "reports.json"

LEFT_OUT = """
    SELECT case_id FROM (
        SELECT DISTINCT ON (case_id) case_id, for_reports, withdrawn_at
        FROM consent_consentrecord ORDER BY case_id, at DESC, id DESC
    ) latest WHERE NOT for_reports OR withdrawn_at IS NOT NULL
"""


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench/reports.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        results = run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


def run() -> dict:
    started = time.perf_counter()
    load_at_start = round(os.getloadavg()[0], 2)
    supervisor = seed()
    seeded = time.perf_counter() - started
    measured = [measure("nothing folded", name, supervisor) for name in PERIODS]
    measured += [measure_staff_load("nothing folded", name, supervisor) for name in PERIODS]
    fold()
    measured += [measure("folded", name, supervisor) for name in PERIODS]
    return {
        "bench": "reports",
        "sessions": SESSIONS,
        "advocates": ADVOCATES,
        "cases": CASES,
        "repeat": REPEAT,
        "statistic": "median milliseconds",
        "machine": machine(),
        "seconds_to_seed": round(seeded, 1),
        "seconds_total": round(time.perf_counter() - started, 1),
        # Other work on the machine makes timings noisy: the 1-minute load average at the start and the end.
        "load_average": [load_at_start, round(os.getloadavg()[0], 2)],
        "results": measured,
    }


def seed() -> User:
    program = ProgramSettings.load()
    program.time_zone = "America/Chicago"
    program.save()
    password = make_password(None)
    advocates = User.objects.bulk_create(
        User(username=f"bench-{n}", role=User.Role.ADVOCATE, time_zone=ZONES[n % 3], password=password)
        for n in range(ADVOCATES)
    )
    ContactHours.objects.bulk_create(
        ContactHours(advocate=a, weekday=day, start="09:00", end="17:00") for a in advocates for day in range(5)
    )
    Case.objects.bulk_create((Case(alias=f"Bench {n}") for n in range(CASES)), batch_size=2000)
    weeks = sorted({f"{y}-W{w:02d}" for y in (2025, 2026) for w in range(1, 53)})
    AnonymousCount.objects.bulk_create(
        AnonymousCount(kind=kind, week=week, count=(n * 7) % 40)
        for n, (kind, week) in enumerate((k, w) for k in AnonymousCount.Kind.values for w in weeks)
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        # One consent answer per case; every tenth said no to being counted.
        cursor.execute(
            """INSERT INTO consent_consentrecord (case_id, form_id, agreed, modes, for_sessions, for_reports,
                                                 given_by, at)
               SELECT id, (SELECT min(id) FROM consent_consentform), true, '["video", "audio", "phone"]', true,
                      id % 10 <> 0, 'advocate', now()
               FROM cases_case"""
        )
        cursor.execute(
            """INSERT INTO scheduling_appointment (case_id, advocate_id, starts_at, ends_at, survivor_time_zone,
                   mode, interpreter_language, reconnect_caller, reconnect_wait_minutes, reconnect_fallback,
                   status, created_at)
               SELECT c.id, a.id, s.starts_at, s.starts_at + interval '50 minutes', 'America/Chicago',
                      (ARRAY['video', 'audio', 'phone'])[1 + floor(random() * 3)::int], '', 'advocate', 5, '',
                      CASE WHEN s.starts_at > now() THEN 'scheduled' WHEN r < 0.75 THEN 'completed'
                           WHEN r < 0.83 THEN 'no_show' WHEN r < 0.88 THEN 'dropped' ELSE 'cancelled' END,
                      now()
               FROM (SELECT n, random() AS r,
                            timestamptz %s + floor(random() * %s) * interval '1 day'
                              + (14 + floor(random() * 8)) * interval '1 hour' AS starts_at
                     FROM generate_series(1, %s) n) s
               -- ids are consecutive in this fresh database: bulk_create made them in one go
               CROSS JOIN LATERAL (SELECT (SELECT min(id) FROM cases_case) + (s.n::bigint * 7919) %% %s AS id) c
               CROSS JOIN LATERAL (SELECT (SELECT min(id) FROM staff_user WHERE role = 'advocate')
                                          + s.n %% %s AS id) a""",
            [f"{FIRST_DAY} 00:00+00", DAYS, SESSIONS, CASES, ADVOCATES],
        )
        cursor.execute("ANALYZE")
    return User.objects.create(username="bench-supervisor", role=User.Role.SUPERVISOR, password=password)


def fold() -> None:
    """What the retention job leaves: SessionCount rows for every finished session, each marked folded."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO video_sessions_sessioncount (week, mode, outcome, duration_bucket, wait_bucket, count)
               SELECT to_char(starts_at AT TIME ZONE 'America/Chicago', 'IYYY-"W"IW'), mode, status,
                      CASE WHEN status = 'completed' THEN (ARRAY['<20m', '20-40m', '40-60m'])[1 + id % 3] ELSE '' END,
                      CASE WHEN status = 'completed' THEN (ARRAY['<5m', '5-15m', '15m+'])[1 + id % 3] ELSE '' END,
                      count(*)
               FROM scheduling_appointment
               WHERE status <> 'scheduled' AND case_id NOT IN ({LEFT_OUT})
               GROUP BY 1, 2, 3, 4, 5"""
        )
        cursor.execute(
            """INSERT INTO retention_foldedappointment (appointment_id, folded_at)
               SELECT id, now() FROM scheduling_appointment WHERE status <> 'scheduled'"""
        )
        cursor.execute("ANALYZE")


def report_request(name: str, path: str, supervisor):
    """The period `name` and a supervisor's GET of the report page at `path` for it."""
    kind, start, end = PERIODS[name]
    query = {"period": kind, "start": start.isoformat()} | ({"end": end.isoformat()} if end else {})
    request = RequestFactory().get(path, query)
    request.user = supervisor
    return period_of(kind, start, end), request


def measure(state: str, name: str, supervisor) -> dict:
    """The report page (the view, as a supervisor's request reaches it) against raw SQL of its figures."""
    return measure_page(state, name, supervisor, "/reports/", views.sessions, b"<svg", orm_counts, raw_counts)


def measure_page(state, name, supervisor, path, view, shows: bytes, figures, raw_figures, label="") -> dict:
    """One page for the period `name` against raw SQL of its figures, checking both give the same."""
    period, request = report_request(name, path, supervisor)

    def page():
        response = view(request)
        assert response.status_code == 200 and shows in response.content

    same = figures(period) == raw_figures(period)
    label = f"{label}{name} ({period.weeks[0]} to {period.weeks[-1]})"
    page_ms = round(common.timed(page, REPEAT)[0] * 1000, 1)
    raw_ms = round(common.timed(lambda: raw_figures(period), REPEAT)[0] * 1000, 1)
    return result(state, label, page_ms, raw_ms, same)


def result(state: str, report: str, page_ms: float, raw_ms: float, same: bool | None) -> dict:
    return {
        "state": state,
        "report": report,
        "report_page_ms": page_ms,
        "raw_sql_ms": raw_ms,
        "ratio": round(page_ms / raw_ms, 2) if raw_ms else None,
        "same_figures": same,
    }


def orm_counts(period: Period) -> dict:
    first_day, last_day = period.span
    return {
        "appointments": sources.appointment_counts(first_day, last_day, ZoneInfo("America/Chicago")),
        "sessions": sources.session_counts(period.weeks),
        "length": sources.held_buckets(period.weeks, "duration_bucket"),
        "waiting": sources.held_buckets(period.weeks, "wait_bucket"),
        "counters": sources.counter_counts(period.weeks),
    }


def raw_counts(period: Period) -> dict:
    """The same raw figures, by hand-written SQL."""
    start, end = sources.local_bounds(*period.span, ZoneInfo("America/Chicago"))
    weeks = period.weeks
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT mode, status, count(*) FROM scheduling_appointment
                WHERE starts_at >= %s AND starts_at < %s AND case_id NOT IN ({LEFT_OUT})
                  AND NOT EXISTS (SELECT FROM retention_foldedappointment f WHERE f.appointment_id = id)
                GROUP BY mode, status""",
            [start, end],
        )
        appointments = {(mode, status): n for mode, status, n in cursor.fetchall()}
        cursor.execute(
            """SELECT mode, outcome, sum(count) FROM video_sessions_sessioncount WHERE week = ANY(%s)
               GROUP BY mode, outcome""",
            [weeks],
        )
        sessions = {(mode, outcome): n for mode, outcome, n in cursor.fetchall()}
        buckets = {}
        for key, column in (("length", "duration_bucket"), ("waiting", "wait_bucket")):
            cursor.execute(
                f"""SELECT {column}, sum(count) FROM video_sessions_sessioncount
                    WHERE week = ANY(%s) AND outcome = 'completed' GROUP BY {column}""",
                [weeks],
            )
            buckets[key] = dict(cursor.fetchall())
        cursor.execute(
            "SELECT kind, sum(count) FROM cases_anonymouscount WHERE week = ANY(%s) GROUP BY kind", [weeks]
        )
        counters = dict(cursor.fetchall())
    return {"appointments": appointments, "sessions": sessions, **buckets, "counters": counters}


STAFF_LOAD = """
    WITH advocate AS (
        SELECT u.id, u.is_active, coalesce(nullif(btrim(u.first_name || ' ' || u.last_name), ''), u.username) AS name,
               coalesce(b.max_sessions_per_day, 4) AS day_limit  -- 4: Boundaries' default
        FROM staff_user u LEFT JOIN scheduling_boundaries b ON b.advocate_id = u.id
        WHERE u.role = 'advocate' AND u.time_zone = %(zone)s
    ),
    booked_day AS (
        SELECT advocate_id AS id, (starts_at AT TIME ZONE %(zone)s)::date AS day, count(*) AS sessions,
               sum(extract(epoch FROM ends_at - starts_at)) AS booked,
               coalesce(sum(extract(epoch FROM ends_at - starts_at)) FILTER (WHERE status = 'completed'), 0) AS held
        FROM scheduling_appointment
        WHERE advocate_id = ANY(ARRAY(SELECT id FROM advocate)) AND status IN ('scheduled', 'in_progress', 'completed')
          AND starts_at >= %(start)s AND starts_at < %(end)s
        GROUP BY 1, 2
    ),
    exception AS (
        SELECT advocate_id AS id, date AS day, start, "end" FROM scheduling_contactexception
        WHERE advocate_id IN (SELECT id FROM advocate) AND date BETWEEN %(first)s AND %(last)s
    ),
    contact_range AS (  -- a date exception (a day off has no times) replaces the weekly hours of its day
        SELECT id, day, start, "end" FROM exception WHERE start IS NOT NULL
        UNION ALL
        SELECT h.advocate_id, d.day, h.start, h."end"
        FROM scheduling_contacthours h
        JOIN (SELECT %(first)s::date + n AS day FROM generate_series(0, %(last)s::date - %(first)s::date) n) d
          ON h.weekday = extract(isodow FROM d.day) - 1
        WHERE h.advocate_id IN (SELECT id FROM advocate)
          AND NOT EXISTS (SELECT FROM exception e WHERE e.id = h.advocate_id AND e.day = d.day)
    ),
    contact_day AS (
        -- Real seconds, DST included. A time in the repeated hour of a fall-back day is read as the later
        -- one here, the earlier one in Python; the bench's hours (09:00-17:00) never fall there.
        SELECT id, day,
               sum(extract(epoch FROM ((day + "end") AT TIME ZONE %(zone)s) - ((day + start) AT TIME ZONE %(zone)s)))
                 AS seconds
        FROM contact_range GROUP BY 1, 2
    ),
    week AS (
        SELECT id, (day - %(first)s::date) / 7 AS week, sum(coalesce(seconds, 0)) AS contact,
               sum(coalesce(booked, 0)) AS booked, sum(coalesce(held, 0)) AS held,
               sum(coalesce(sessions, 0)) AS sessions, max(coalesce(sessions, 0)) AS busiest,
               count(*) FILTER (WHERE seconds > 0) AS working_days
        FROM contact_day FULL JOIN booked_day USING (id, day)
        GROUP BY 1, 2
    )
    SELECT a.name, coalesce(sum(w.contact), 0), coalesce(sum(w.booked), 0), coalesce(sum(w.held), 0),
           coalesce(max(w.busiest), 0), coalesce(sum(w.sessions), 0), coalesce(sum(w.working_days), 0), a.day_limit,
           count(*) FILTER (WHERE w.booked > w.contact OR w.busiest > a.day_limit)
    FROM advocate a LEFT JOIN week w ON w.id = a.id
    WHERE a.is_active OR EXISTS (SELECT FROM booked_day b WHERE b.id = a.id)
    GROUP BY a.id, a.name, a.day_limit
"""


def raw_staff_load(period: Period) -> list[Load]:
    """Every figure of the staff load page by hand-written SQL: one query per advocates' time zone."""
    first_day, last_day = period.span
    weeks = len(period.mondays)
    loads = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT time_zone FROM staff_user WHERE role = 'advocate'")
        for (zone,) in cursor.fetchall():
            start, end = sources.local_bounds(first_day, last_day, ZoneInfo(zone))
            bounds = {"zone": zone, "first": first_day, "last": last_day, "start": start, "end": end}
            cursor.execute(STAFF_LOAD, bounds)
            for name, contact, booked, held, busiest, sessions, working_days, limit, over in cursor.fetchall():
                loads.append(
                    Load(name, hours(float(contact)), hours(float(booked)), hours(float(held)), busiest,
                         round(int(sessions) / (int(working_days) or 1), 1), limit, over, weeks)
                )
    return sorted(loads, key=lambda load: load.name.casefold())


def measure_staff_load(state: str, name: str, supervisor) -> dict:
    """The staff load page (the view, template included) against raw SQL of every figure it shows."""
    return measure_page(
        state, name, supervisor, "/reports/staff/", views.staff_load_page, b"bench-0", staff_load, raw_staff_load,
        label="staff load, ",
    )


def machine() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    return {
        **common.machine(),
        "postgresql": server,
        "database_on_same_machine": connection.settings_dict["HOST"] in ("127.0.0.1", "localhost", ""),
    }


if __name__ == "__main__":
    main()
