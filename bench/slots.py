"""The slot finder: free slots of 50 advocates over 30 days, against merely reading their appointments.

    python -m bench.slots --advocates 50 --days 30 --repeat 7 --out FILE

Advocates in America/Chicago with weekday contact hours 09:00-17:00, a limit
of 5 sessions a day, 15 minutes between sessions, and two sessions booked
every weekday. Timed in-process against the bench database (median of
--repeat runs after one warm-up): `free_slots(advocates, first_day, days)` and
`list(Appointment.objects.filter(advocate__in=..., starts_at__range=...))`.
"""

import argparse
import sys
from datetime import datetime, time as clock, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.common import emit, ms, timed
from bench.fixtures import setup


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--advocates", type=int, default=50)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--profile", help="write a pyinstrument text profile of one free_slots call here")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    setup()
    from bench.fixtures import slot_calendars
    from scheduling.models import Appointment
    from scheduling.services import free_slots

    advocates, first_day = slot_calendars(args.advocates, args.days)
    zone = ZoneInfo("America/Chicago")
    window = (
        datetime.combine(first_day, clock.min, tzinfo=zone),
        datetime.combine(first_day + timedelta(days=args.days), clock.min, tzinfo=zone),
    )
    ids = [advocate.pk for advocate in advocates]

    def find():
        return free_slots(advocates, first_day, args.days)

    def read():
        return list(Appointment.objects.filter(advocate__in=ids, starts_at__range=window))

    slots_s, slots = timed(find, args.repeat)
    read_s, booked = timed(read, args.repeat)
    result = {
        "advocates": args.advocates,
        "days": args.days,
        "repeat": args.repeat,
        "appointments": len(booked),
        "slots_found": len(slots),
        "free_slots_ms": ms(slots_s),
        "read_appointments_ms": ms(read_s),
        "ratio": round(slots_s / read_s, 1) if read_s else None,
    }
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        find()
        profiler.stop()
        Path(args.profile).write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    emit(result, args.out)


if __name__ == "__main__":
    main(sys.argv[1:])
