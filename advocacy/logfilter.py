"""Keeps client addresses out of log lines and error reports (privacy invariant 2)."""

import logging
import re

from django.views.debug import SafeExceptionReporterFilter

from .privacy import INCIDENTAL_META

IPV4 = r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])"
# Hex groups joined by colons with at least two colons (full, compressed or
# IPv4-mapped forms); plain times like 10:30:00 have no hex letters and are
# left alone unless they contain '::'.
IPV6 = r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|(?:\d{1,3}\.){3}\d{1,3})(?![\w:])"
ADDRESS = re.compile(f"{IPV4}|{IPV6}")
TIME_LIKE = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
REDACTED = "[address]"


def redact(text: str) -> str:
    def replace(match: re.Match) -> str:
        found = match.group(0)
        return found if TIME_LIKE.match(found) else REDACTED

    return ADDRESS.sub(replace, text)


class RedactAddressesFilter(logging.Filter):
    """Rewrites every record's message and traceback with addresses replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: keep its raw text only
            message = str(record.msg)
        record.msg = redact(message)
        record.args = ()
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports never carry the client's address, agent or referrer."""

    HIDDEN_META = set(INCIDENTAL_META)

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        return {key: value for key, value in meta.items() if key not in self.HIDDEN_META}
