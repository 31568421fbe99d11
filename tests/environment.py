"""Loaded with `-p tests.environment` (pytest.ini), before Django reads its settings.

Tests run with the development defaults (keys derived from a dev secret);
production settings are tested in a subprocess (tests/test_settings.py).
"""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("EMAIL_BACKEND", "locmem")
