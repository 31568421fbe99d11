"""Django set up for a bench script run on its own (`python bench/x.py` or `python -m bench.x`).

Import it first: development keys unless SECRET_KEY is set (as bench/run.py
sets it), and DEBUG turned off after set-up so no query is kept in memory.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings")
if "SECRET_KEY" not in os.environ:
    os.environ["DEBUG"] = "1"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False
