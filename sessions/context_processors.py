from django.conf import settings
from django.utils.functional import SimpleLazyObject


def survivor(request):
    """What every survivor page shows: program phone and name (if set), service hours, languages.

    Lazy, so staff pages that never read them cost nothing.
    """
    from program.models import ProgramSettings
    from scheduling.services import service_hours_text

    return {
        "program": SimpleLazyObject(ProgramSettings.load),
        "service_hours": SimpleLazyObject(service_hours_text),
        "languages": settings.LANGUAGES,
    }
