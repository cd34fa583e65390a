"""Demo technical assistance and good practices, for the demo territory of Bari: one
request answered and resolved by the Department, and two good-practice posts on themes the
network works on (the emergency rooms' pathway for women, the training of the police).

Everything is written through the services, by the demo accounts (rete.demo.services), so
the demo shows the same notices and audit entries a real use would leave. Titles end in
"(esempio)". Loading is idempotent by subject (title) and territory: what exists, perhaps
edited, is left as it is. Without the demo network or accounts nothing is loaded.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN, NETWORK_OPERATOR
from rete.accounts.scopes import user_scope, user_scope_forget
from rete.assistance.models import AssistanceRequest
from rete.assistance.practices.forms import contact_initial
from rete.assistance.practices.models import Practice
from rete.assistance.practices.services import practice_create
from rete.assistance.services import assistance_reply, assistance_request_open
from rete.demo.catalogue import EXAMPLE
from rete.demo.seed_bari import BARI_TERRITORY
from rete.demo.services import demo_username
from rete.network.models import Territory
from rete.publications.demofiles import pdf_make

REQUEST_SUBJECT = f"Orari estivi dello sportello da aggiornare nella mappatura {EXAMPLE}"
REQUEST_BODY = (
    "Buongiorno,\n\ndal 1° luglio lo sportello di ascolto sarà aperto solo la mattina. "
    "Nella scheda del servizio non troviamo come indicare un orario valido solo per "
    "l'estate: dobbiamo cambiare l'orario e ricordarci di ripristinarlo a settembre?\n\n"
    "Grazie."
)
ANSWER_BODY = (
    "Buongiorno,\n\nnon serve cambiare l'orario abituale: nella segnalazione di modifica "
    "aggiungete un nuovo orario con le date «valido dal» e «valido al» (1° luglio – 31 "
    "agosto). Il 1522 instraderà le chiamate con l'orario estivo solo in quelle date. "
    "Vi alleghiamo le istruzioni passo per passo.\n\nUn saluto."
)
GUIDE_LINES = [
    "1. Area riservata > Segnalazioni > Nuova segnalazione.",
    "2. Scegliere il servizio e aggiungere un orario con le date di validità.",
    "3. Inviare: il Dipartimento la accetta e l'instradamento si aggiorna.",
    "Documento di esempio della demo: non è un documento ufficiale.",
]

PRACTICES = [
    (
        NETWORK_OPERATOR,
        f"Un percorso dedicato in pronto soccorso con il centro antiviolenza {EXAMPLE}",
        "Un protocollo tra l'azienda sanitaria, il pronto soccorso e il centro antiviolenza: "
        "accoglienza riservata, triage dedicato e contatto con il centro entro 24 ore.",
        "Il protocollo è nato da un gruppo di lavoro con il pronto soccorso, il servizio "
        "sociale ospedaliero e il centro antiviolenza.\n\n"
        "Quando una donna arriva in pronto soccorso e l'operatore sanitario riconosce segni "
        "di violenza, le viene assegnato un codice di priorità dedicato (il «codice rosa») e "
        "viene accolta in una stanza separata. Con il suo consenso, il personale contatta il "
        "centro antiviolenza, che fissa un primo colloquio entro 24 ore.\n\n"
        "Cosa ci è servito: una formazione comune di due giornate per il personale del pronto "
        "soccorso, una scheda di refertazione condivisa, un numero di reperibilità del centro "
        "e un incontro di verifica ogni sei mesi.",
        ["health", "governance", "training"],
    ),
    (
        ATR_REFERENT,
        f"Una giornata di formazione comune per Polizia di Stato e Carabinieri {EXAMPLE}",
        "Una giornata con le forze dell'ordine del territorio sulla raccolta della denuncia, "
        "l'invio al centro antiviolenza e le misure di protezione.",
        "Abbiamo organizzato con la Questura e il Comando provinciale dei Carabinieri una "
        "giornata di formazione per il personale che raccoglie le denunce.\n\n"
        "La mattina, le operatrici del centro antiviolenza hanno parlato del ciclo della "
        "violenza e dell'ascolto senza giudizio; il pomeriggio, casi di studio sulla "
        "valutazione del rischio, sull'invio al centro e sulle misure di protezione.\n\n"
        "Hanno partecipato quaranta persone. Dopo la giornata gli invii dalle forze "
        "dell'ordine al centro sono aumentati e abbiamo un referente per ciascun comando.",
        ["police_justice", "training"],
    ),
]


def _demo_person(role: str):
    user = get_user_model().objects.filter(username=demo_username(role), is_active=True).first()
    if user is not None:
        user_scope_forget(user)
    return user


def _request_load(bari: Territory) -> None:
    referent = _demo_person(ATR_REFERENT)
    department = _demo_person(DEPARTMENT_ADMIN)
    if referent is None or department is None:
        return
    if AssistanceRequest.objects.filter(territory=bari, subject=REQUEST_SUBJECT).exists():
        return
    request = assistance_request_open(
        scope=user_scope(referent),
        actor=referent,
        territory=bari,
        subject=REQUEST_SUBJECT,
        category="data_mapping",
        body=REQUEST_BODY,
    )
    guide = ContentFile(pdf_make("Orari stagionali", GUIDE_LINES), name="istruzioni-orari.pdf")
    assistance_reply(
        scope=user_scope(department),
        actor=department,
        request=request,
        body=ANSWER_BODY,
        files=[guide],
        then="resolve",
    )


def _practices_load(bari: Territory) -> None:
    for role, title, summary, body, topics in PRACTICES:
        author = _demo_person(role)
        if author is None or Practice.objects.filter(territory=bari, title=title).exists():
            continue
        contact = contact_initial(author)
        practice_create(
            scope=user_scope(author),
            actor=author,
            territory=bari,
            title=title,
            summary=summary,
            body=body,
            topics=topics,
            contact_name=contact["contact_name"],
            contact_organization=contact["contact_organization"] or bari.name,
            contact_email=contact["contact_email"],
            contact_consent=True,
        )


def demo_assistance_load() -> dict[str, int]:
    """Load what is missing; return how many requests and practices exist."""
    bari = Territory.objects.filter(code=BARI_TERRITORY).first()
    if bari is not None:
        with transaction.atomic():
            _request_load(bari)
            _practices_load(bari)
    return {
        "assistance_requests": AssistanceRequest.objects.count(),
        "practices": Practice.objects.count(),
    }
