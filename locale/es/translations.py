# Spanish for the survivor's pages. bin/fill_translations.py writes these into django.po.
TRANSLATIONS = {
    "Your code": "Su código",
    "12 letters and numbers, for example K7QP-2MXD-9TRA. Spaces and dashes do not matter.":
        "12 letras y números, por ejemplo K7QP-2MXD-9TRA. Los espacios y guiones no importan.",
    "Yes, I can talk here": "Sí, puedo hablar aquí",
    "Not right now": "Ahora no",
    "Are you somewhere private, where nobody can overhear?": "¿Está en un lugar privado, donde nadie pueda oírle?",
    "How would you like to talk?": "¿Cómo le gustaría hablar?",
    "Start with my camera off": "Empezar con mi cámara apagada",
    "Hide my own picture on my screen": "Ocultar mi propia imagen en mi pantalla",
    "Video": "Video",
    "Audio only": "Solo audio",
    "Call me on the phone instead": "Prefiero que me llamen por teléfono",
    "That code did not work. Check it and try again.": "Ese código no funcionó. Revíselo e inténtelo de nuevo.",
    "Your advocate will call you back. Please wait %(minutes)s minutes.":
        "Su intercesor(a) le volverá a llamar. Por favor, espere %(minutes)s minutos.",
    "Come back to this page with the same code. Your advocate will wait %(minutes)s minutes.":
        "Vuelva a esta página con el mismo código. Su intercesor(a) esperará %(minutes)s minutos.",
    "Call the program's line after %(minutes)s minutes.": "Llame a la línea del programa después de %(minutes)s minutos.",
    "Then:": "Después:",
    "You have left the session": "Ha salido de la sesión",
    "What happens now": "Qué pasa ahora",
    "Join again": "Volver a entrar",
    "Your code works until %(until)s.": "Su código funciona hasta las %(until)s.",
    "We will call you": "Le llamaremos",
    "Your advocate has been told you would rather talk on the phone, and will call you as you agreed.":
        "Su intercesor(a) sabe que prefiere hablar por teléfono y le llamará como acordaron.",
    "If no call comes, you can call us: %(phone)s.": "Si no recibe la llamada, puede llamarnos: %(phone)s.",
    "Talk by video or audio after all": "Hablar por video o audio después de todo",
    "Before we start": "Antes de empezar",
    "That is okay. Your safety comes first.": "Está bien. Su seguridad es lo primero.",
    "Your code works until %(until)s. You can leave now with Quick exit and come back when you can talk.":
        "Su código funciona hasta las %(until)s. Puede salir ahora con Salida rápida y volver cuando pueda hablar.",
    "Staying safe": "Para su seguridad",
    "Quick exit: press the button at the top, or the Esc key twice. This page is replaced by an ordinary website, "
    "the call ends and this visit is cleared.":
        "Salida rápida: pulse el botón de arriba o la tecla Esc dos veces. Esta página se cambia por un sitio "
        "web común, la llamada termina y esta visita se borra.",
    "You and your advocate agreed on a safe word. If you say it, your advocate will end the call and follow the plan "
    "you made together.":
        "Usted y su intercesor(a) acordaron una palabra de seguridad. Si la dice, su intercesor(a) terminará la llamada "
        "y seguirá el plan que hicieron juntos.",
    "Signal for Help: if you cannot speak, hold your hand up to the camera, tuck your thumb into your palm, then fold "
    "your fingers down over it.":
        "Señal de ayuda: si no puede hablar, muestre la mano a la cámara, doble el pulgar hacia la palma y luego "
        "cierre los dedos sobre él.",
    "The session is never recorded.": "La sesión nunca se graba.",
    "Check your camera and microphone": "Pruebe su cámara y micrófono",
    "This test stays on your device: nothing is sent anywhere.":
        "Esta prueba se queda en su dispositivo: no se envía nada a ninguna parte.",
    "Microphone level": "Nivel del micrófono",
    "Your camera and microphone work.": "Su cámara y su micrófono funcionan.",
    "Your microphone works.": "Su micrófono funciona.",
    "We could not use your camera or microphone. You can still talk by audio only, or ask us to call you.":
        "No pudimos usar su cámara o micrófono. Aún puede hablar solo por audio, o pedir que le llamemos.",
    "Test": "Probar",
    "Stop the test": "Detener la prueba",
    "Continue": "Continuar",
    "Welcome": "Bienvenida",
    "Code entry is paused for a while, to keep everyone's sessions safe.":
        "La entrada de códigos está en pausa por un tiempo, para proteger las sesiones de todas las personas.",
    "You can call us instead: %(phone)s.": "Puede llamarnos: %(phone)s.",
    "We are available %(service_hours)s.": "Estamos disponibles %(service_hours)s.",
    "You can try again in an hour.": "Puede intentarlo de nuevo en una hora.",
    "Your session is on %(day)s at %(time)s.": "Su sesión es el %(day)s a las %(time)s.",
    "Please come back from %(opens)s and type the same code.":
        "Por favor, vuelva a partir de las %(opens)s y escriba el mismo código.",
    "This code is no longer valid. Your advocate can send you a new one.":
        "Este código ya no es válido. Su intercesor(a) puede enviarle uno nuevo.",
    "You can also call us: %(phone)s.": "También puede llamarnos: %(phone)s.",
    "Type the code you were sent.": "Escriba el código que le enviaron.",
    "This session is over": "Esta sesión ha terminado",
    "The code no longer works: the session has ended or was changed.":
        "El código ya no funciona: la sesión terminó o se cambió.",
    "To talk to someone, call %(phone)s.": "Para hablar con alguien, llame al %(phone)s.",
    "Close": "Cerrar",
    "You are in the waiting room": "Está en la sala de espera",
    "Your advocate has been told you are here and will let you in.": "Su intercesor(a) sabe que está aquí y le dejará entrar.",
    "Your session starts at %(time)s.": "Su sesión empieza a las %(time)s.",
    "If your advocate cannot come": "Si su intercesor(a) no puede venir",
    "Reconnecting…": "Reconectando…",
    "Leave this page at once (Esc twice)": "Salir de esta página de inmediato (Esc dos veces)",
    "Quick exit": "Salida rápida",
    "Phone": "Teléfono",
    "Available": "Disponible",
    # The consent step's words (consent/defaults.py STEP_WORDS).
    "Phone, if the call drops": "Teléfono, si se corta la llamada",
    "You may count my visit in anonymous figures (no name, nothing about me).":
        "Pueden contar mi visita en cifras anónimas (sin nombre, nada sobre mí).",
    "I agree": "Estoy de acuerdo",
    "No, thank you": "No, gracias",
    "Choose at least one way to talk, or choose “No, thank you”.":
        "Elija al menos una forma de hablar, o elija “No, gracias”.",
    "This form has just been updated. Please read it again.":
        "Este formulario se acaba de actualizar. Por favor, léalo de nuevo.",
    "That is fine": "Está bien",
    "You can still reach us another way, whenever suits you.":
        "Puede comunicarse con nosotros de otra manera, cuando le convenga.",
    "Call us:": "Llámenos:",
    "Or ask for a meeting in person.": "O pida una reunión en persona.",
    "You can change your mind at any time.": "Puede cambiar de opinión en cualquier momento.",
}
