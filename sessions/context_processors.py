from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject


def _program_and_hours() -> tuple:
    """Both from the cache in one round trip (every survivor page shows both)."""
    from program.models import CACHE_KEY, ProgramSettings
    from scheduling.services import SERVICE_HOURS_KEY, service_hours_text

    found = cache.get_many([CACHE_KEY, SERVICE_HOURS_KEY])
    program = found.get(CACHE_KEY) or ProgramSettings.load()
    hours = found.get(SERVICE_HOURS_KEY)
    return program, service_hours_text() if hours is None else hours


def survivor(request):
    """What every survivor page shows: program phone and name (if set), service hours, languages.

    Lazy, so staff pages that never read them cost nothing.
    """
    both = SimpleLazyObject(_program_and_hours)
    return {
        "program": SimpleLazyObject(lambda: both[0]),
        "service_hours": SimpleLazyObject(lambda: both[1]),
        "languages": settings.LANGUAGES,
    }
