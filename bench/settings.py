"""The app's own settings, plus the bench-only URL of the ceiling view.

The bench servers run with DJANGO_SETTINGS_MODULE=bench.settings; every other
value comes from the environment the runner sets, exactly as in production.
"""

from advocacy.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
