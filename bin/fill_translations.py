"""Fills locale/<lang>/LC_MESSAGES/django.po from locale/<lang>/translations.py (a dict), then compiles.

Run after `manage.py makemessages -l es`: python bin/fill_translations.py es
The dict is the source of truth for translators; the .po and .mo follow it.
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def entries(po_text: str):
    """Yields (start, end, msgid) for each msgid ... msgstr block."""
    pattern = re.compile(r'msgid ((?:"(?:[^"\\]|\\.)*"\n)+)msgstr ((?:"(?:[^"\\]|\\.)*"\n)+)')
    for match in pattern.finditer(po_text):
        msgid = "".join(ast.literal_eval(line) for line in match.group(1).splitlines())
        yield match.start(2), match.end(2), msgid


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"\n'


def main(language: str) -> None:
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    namespace: dict = {}
    exec((ROOT / "locale" / language / "translations.py").read_text(), namespace)
    translations = namespace["TRANSLATIONS"]
    po = (folder / "django.po").read_text()
    out, last, missing = [], 0, []
    for start, end, msgid in entries(po):
        out.append(po[last:start])
        if msgid and msgid in translations:
            out.append(quote(translations[msgid]))
        else:
            out.append(po[start:end])
            if msgid:
                missing.append(msgid)
        last = end
    out.append(po[last:])
    text = "".join(out).replace("#, fuzzy\n", "", 1)
    (folder / "django.po").write_text(text)
    subprocess.run(["msgfmt", "--check", "-o", str(folder / "django.mo"), str(folder / "django.po")], check=True)
    print(f"{len(missing)} strings without a translation")
    for msgid in missing:
        print("  ", msgid[:80])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "es")
