"""The consent form shipped with the program, in English and Spanish, and the words around it.

Program admins edit the form (each change a new version); the headings and the
survivor step's buttons are fixed here. `{{ ... }}` placeholders are filled
from ProgramSettings when the form is shown.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

SECTION_HEADINGS = {
    "en": {
        "service": "What this is",
        "recording": "Nothing is recorded",
        "risks": "Risks to think about",
        "written_down": "What we write down, and for how long",
        "confidentiality": "Privacy and its limits",
        "other_ways": "Your choices",
    },
    "es": {
        "service": "Qué es esto",
        "recording": "No se graba nada",
        "risks": "Riesgos a tener en cuenta",
        "written_down": "Qué anotamos y por cuánto tiempo",
        "confidentiality": "La privacidad y sus límites",
        "other_ways": "Sus opciones",
    },
}

DEFAULT_FORMS = {
    "en": {
        "title": "Before we talk",
        "service": (
            "We can meet by video or by audio only, in your web browser. You do not need an account or an app.\n\n"
            "Your advocate gives you a code for each meeting. You type it on our page, read this form, and wait "
            "until your advocate lets you in. The call runs on the program's own server, not on a public video "
            "service."
        ),
        "recording": (
            "We never record the call: no video, no sound, no written transcript. Recording is switched off on "
            "our server."
        ),
        "risks": (
            "Someone may be able to watch this phone or computer, or its accounts, and see that you visited this "
            "site.\n\n"
            "Your browser or phone may keep a history of websites, calls and messages.\n\n"
            "Someone nearby could overhear you. If you can, use a device and a place where you feel safe. The quick "
            "exit button on every page leaves this site at once. You can agree a safe word with your advocate: if "
            "you say it, your advocate will end the call or change the subject."
        ),
        "written_down": (
            "We write down as little as we can: a name you chose to use with us (it does not have to be your real "
            "name), the times of your meetings, your answers on this form, and short notes your advocate needs to "
            "help you.\n\n"
            "Notes are deleted after {{ note_retention_days }} days. When your case is closed, everything in it is "
            "deleted after {{ closed_case_retention_days }} days. The times people joined and left a call are kept "
            "for {{ call_event_retention_hours }} hours, then only counted, without names. Records of which staff "
            "member opened your case are kept for {{ audit_retention_days }} days.\n\n"
            "You can ask for a copy of everything we hold about you, and ask us to delete it."
        ),
        "confidentiality": (
            "What you tell us stays with the program. There are limits: the law may require us to report when a "
            "child or a vulnerable adult is being harmed, or when someone is in immediate danger, and a court can "
            "order us to hand over what we have written down. Ask your advocate what this means for you."
        ),
        "other_ways": (
            "You do not have to use video. You can talk with us by phone or meet in person instead, and the help "
            "you get does not depend on it.\n\n"
            "You can say no now, or change your mind and withdraw at any time, before or during a call: tell your "
            "advocate, or simply leave the call."
        ),
    },
    "es": {
        "title": "Antes de hablar",
        "service": (
            "Podemos reunirnos por video o solo por audio, en su navegador de internet. No necesita una cuenta ni "
            "una aplicación.\n\n"
            "Su intercesor(a) le da un código para cada reunión. Usted lo escribe en nuestra página, lee este "
            "formulario y espera hasta que su intercesor(a) le deje entrar. La llamada funciona en el servidor propio "
            "del programa, no en un servicio de video público."
        ),
        "recording": (
            "Nunca grabamos la llamada: ni video, ni sonido, ni transcripción escrita. La grabación está desactivada "
            "en nuestro servidor."
        ),
        "risks": (
            "Alguien podría vigilar este teléfono o computadora, o sus cuentas, y ver que usted visitó este sitio.\n\n"
            "Su navegador o teléfono puede guardar un historial de sitios web, llamadas y mensajes.\n\n"
            "Alguien cerca podría escucharle. Si puede, use un aparato y un lugar donde se sienta a salvo. "
            "El botón de salida rápida en cada página sale de este sitio de inmediato. Puede acordar una palabra de "
            "seguridad con su intercesor(a): si la dice, terminará la llamada o cambiará de tema."
        ),
        "written_down": (
            "Anotamos lo menos posible: un nombre que usted eligió para usar con nosotros (no tiene que ser su "
            "nombre real), las horas de sus reuniones, sus respuestas en este formulario y notas breves que su "
            "intercesor(a) necesita para ayudarle.\n\n"
            "Las notas se borran después de {{ note_retention_days }} días. Cuando su caso se cierra, todo lo que "
            "contiene se borra después de {{ closed_case_retention_days }} días. Las horas en que las personas "
            "entraron y salieron de una llamada se guardan {{ call_event_retention_hours }} horas y después solo se "
            "cuentan, sin nombres. El registro de qué miembro del personal abrió su caso se guarda "
            "{{ audit_retention_days }} días.\n\n"
            "Puede pedir una copia de todo lo que tenemos sobre usted, y pedirnos que lo borremos."
        ),
        "confidentiality": (
            "Lo que nos cuenta se queda en el programa. Hay límites: la ley puede obligarnos a informar cuando se "
            "está haciendo daño a un niño o a un adulto vulnerable, o cuando alguien está en peligro inmediato, y "
            "un tribunal puede ordenarnos entregar lo que hemos anotado. Pregunte a su intercesor(a) qué significa "
            "esto para usted."
        ),
        "other_ways": (
            "No tiene que usar video. Puede hablar con nosotros por teléfono o reunirse en persona, y la ayuda que "
            "recibe no depende de ello.\n\n"
            "Puede decir que no ahora, o cambiar de opinión y retirar su consentimiento en cualquier momento, antes "
            "o durante una llamada: dígaselo a su intercesor(a), o simplemente salga de la llamada."
        ),
    },
}

# The words of the survivor's consent step, around the form itself; Spanish and
# other languages come from Django's translations (locale/).
STEP_WORDS = {
    "ways": _("How would you like to talk?"),
    "video": _("Video"),
    "audio": _("Audio only"),
    "phone": _("Phone, if the call drops"),
    "reports": _("You may count my visit in anonymous figures (no name, nothing about me)."),
    "agree": _("I agree"),
    "decline": _("No, thank you"),
    "choose_a_way": _("Choose at least one way to talk, or choose “No, thank you”."),
    "form_changed": _("This form has just been updated. Please read it again."),
    "declined_heading": _("That is fine"),
    "declined_text": _("You can still reach us another way, whenever suits you."),
    "call_us": _("Call us:"),
    "in_person": _("Or ask for a meeting in person."),
    "change_mind": _("You can change your mind at any time."),
}


def step_words(language: str) -> dict[str, str]:
    with translation.override(language):
        return {key: str(text) for key, text in STEP_WORDS.items()}


def create_defaults(form_model) -> None:
    """Publishes version 1 of each language that has no form yet (used by the data migration and tests)."""
    for language, fields in DEFAULT_FORMS.items():
        if not form_model.objects.filter(language=language).exists():
            form_model.objects.create(language=language, version=1, published_at=timezone.now(), **fields)
