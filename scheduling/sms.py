"""Text-message backends: a console one for development and Twilio's HTTP API.

Backends raise SmsError with a message safe to show staff (never the number
or the text).
"""

import logging
import sys

import requests
from django.conf import settings

logger = logging.getLogger(__name__)


class SmsError(Exception):
    def __init__(self, message: str, retryable: bool):
        super().__init__(message)
        self.retryable = retryable


class ConsoleBackend:
    """Prints the message: development only (it would put a number in a log otherwise)."""

    def send(self, to: str, body: str) -> str:
        sys.stdout.write(f"--- text message to {to} ---\n{body}\n---\n")
        return "console"


class TwilioBackend:
    """Twilio's Messages API: POST /2010-04-01/Accounts/{sid}/Messages.json."""

    timeout = (5, 15)

    def __init__(self, base_url: str, account_id: str, auth_token: str, sender: str):
        self.url = f"{base_url}/2010-04-01/Accounts/{account_id}/Messages.json"
        self.auth = (account_id, auth_token)
        self.sender = sender

    def send(self, to: str, body: str) -> str:
        try:
            response = requests.post(
                self.url, data={"To": to, "From": self.sender, "Body": body}, auth=self.auth, timeout=self.timeout
            )
        except requests.RequestException as error:
            raise SmsError(f"The text-message service could not be reached ({type(error).__name__}).", True) from None
        if response.status_code >= 500 or response.status_code == 429:
            raise SmsError(f"The text-message service is unavailable (HTTP {response.status_code}).", True)
        if response.status_code >= 400:
            raise SmsError(self._refusal(response), False)
        try:
            return str(response.json()["sid"])
        except (ValueError, KeyError):
            raise SmsError("The text-message service gave an answer that could not be read.", True) from None

    @staticmethod
    def _refusal(response) -> str:
        try:
            detail = response.json()
            code = detail.get("code")
        except ValueError:
            code = None
        # Twilio's message may echo the number: keep only its error code.
        suffix = f" (error {code})" if code else ""
        return f"The text-message service refused the message{suffix}. Check the number."


def get_backend():
    if settings.SMS_BACKEND == "twilio":
        return TwilioBackend(settings.SMS_API_URL, settings.SMS_ACCOUNT_ID, settings.SMS_AUTH_TOKEN, settings.SMS_FROM)
    return ConsoleBackend()
