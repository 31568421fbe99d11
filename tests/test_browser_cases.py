import json

import pytest

from cases.models import Case, Note
from consent.models import ConsentRecord
from tests.browser import browser, context, live_url, page, sign_in  # noqa: F401  (fixtures)
from tests.casework import consent_forms  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALIAS = "Heron"
NOTE = "Safety plan reviewed <b>together</b>."


def test_an_advocate_opens_a_case_records_consent_writes_a_note_exports_and_erases_it(
    page, live_url, advocate, consent_forms
):
    sign_in(page, live_url, advocate)
    page.get_by_role("navigation").get_by_role("link", name="Cases").click()
    page.get_by_role("link", name="Open a case").click()
    page.get_by_label("Alias").fill(ALIAS)
    page.get_by_label("Video").check()
    page.get_by_role("button", name="Open the case").click()
    assert page.get_by_role("heading", level=1).inner_text() == ALIAS

    page.get_by_role("link", name="Record verbal consent").click()
    page.get_by_label("Agreed", exact=True).check()
    page.get_by_label("Video", exact=True).check()
    page.get_by_label("Audio only", exact=True).check()
    page.get_by_label("Agreed to digital sessions (video or audio)").check()
    page.get_by_role("button", name="Record the answer").click()
    assert "Status: current" in page.locator("main").inner_text()

    page.get_by_role("link", name="Write a note").click()
    assert "Write only what is needed to provide services" in page.locator("main").inner_text()
    page.get_by_label("Note").fill(NOTE)
    page.get_by_role("button", name="Save the note").click()
    assert NOTE in page.locator(".note-text").inner_text()  # shown as text, not as markup

    page.get_by_role("link", name="Export for the survivor").click()
    export = page.locator("article.export").inner_text()
    assert ALIAS in export and NOTE in export and "agreed to Video, Audio only" in export
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a file (JSON)").click()
    assert download.value.suggested_filename == "case-export.json"
    doc = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert (doc["alias"], doc["notes"][0]["text"], doc["consent"][0]["agreed"]) == (ALIAS, NOTE, True)

    page.get_by_role("link", name="Back to the case").click()
    page.get_by_role("link", name="Erase on request…").click()
    page.get_by_label("Type the case's alias to confirm").fill(ALIAS)
    page.get_by_role("button", name="Erase the case").click()
    page.wait_for_url(f"{live_url}/cases/")
    main = page.locator("main").inner_text()
    assert "The case and everything in it are erased." in main
    assert ALIAS not in main
    assert (Case.objects.count(), Note.objects.count(), ConsentRecord.objects.count()) == (0, 0, 0)
