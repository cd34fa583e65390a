"""The content of classification version 1, as plain data: loaded once by the migration
rete/helpline/migrations/0002_classification_version_1.py.

Version 1 is published, hence frozen, and contacts point to it: never edit this file to
change the lists. A change is a new version, made in the database by copying the current
one (`classification_version_draft_from`) and publishing it.

The lists follow ISTAT's tables on 1522 (see /work/shared/FACTS.md). Codes are stable
across versions, so they are the same identifiers in every version and in statistics;
labels are what the console shows. Lists where an answer may be missing end with a
"non indicato" item. Validity, reason and outcome have none: the operator always sets
them — a contact's validity is what ISTAT's count of valid calls is made of.
"""

# List keys and item codes the platform relies on, beyond the data.
VALIDITY = "validity"
CALLER_TYPE = "caller_type"
VICTIM = "victim"
NOT_STATED = "not_stated"

VERSION_1_NOTES = "Prima versione, allineata alle tavole ISTAT sul 1522."


def _not_stated(label_it: str = "Non indicato") -> dict:
    # In a list with several answers "not stated" cannot be combined with a real answer.
    return {"code": NOT_STATED, "label_it": label_it, "label_en": "Not stated", "exclusive": True}


VERSION_1: list[dict] = [
    {
        "key": VALIDITY,
        "label_it": "Validità del contatto",
        "label_en": "Contact validity",
        "multiple": False,
        "applies_to_victims": False,
        "items": [
            {"code": "valid", "label_it": "Valido", "label_en": "Valid", "valid": True},
            {
                "code": "nuisance",
                "label_it": "Non valido: molestia",
                "label_en": "Not valid: nuisance",
                "valid": False,
            },
            {
                "code": "prank",
                "label_it": "Non valido: scherzo",
                "label_en": "Not valid: prank",
                "valid": False,
            },
            {
                "code": "wrong_number",
                "label_it": "Non valido: numero errato",
                "label_en": "Not valid: wrong number",
                "valid": False,
            },
            {
                "code": "silent",
                "label_it": "Non valido: chiamata muta",
                "label_en": "Not valid: silent call",
                "valid": False,
            },
        ],
    },
    {
        "key": CALLER_TYPE,
        "label_it": "Chi contatta",
        "label_en": "Caller",
        "multiple": False,
        "applies_to_victims": False,
        "items": [
            {"code": VICTIM, "label_it": "Vittima", "label_en": "Victim"},
            {
                "code": "relative_friend",
                "label_it": "Parente o amica/o",
                "label_en": "Relative or friend",
            },
            {
                "code": "operator",
                "label_it": "Operatrice/operatore di un servizio",
                "label_en": "Operator of a service",
            },
            {"code": "other", "label_it": "Altro", "label_en": "Other"},
            _not_stated(),
        ],
    },
    {
        "key": "reason",
        "label_it": "Motivo del contatto",
        "label_en": "Reason for contact",
        "multiple": False,
        "applies_to_victims": False,
        "items": [
            {
                "code": "help_request",
                "label_it": "Richiesta di aiuto della vittima",
                "label_en": "Victim's request for help",
            },
            {
                "code": "violence_report",
                "label_it": "Segnalazione di un caso di violenza",
                "label_en": "Report of a case of violence",
            },
            {
                "code": "info_1522",
                "label_it": "Informazioni sul 1522",
                "label_en": "Information about 1522",
            },
            {
                "code": "info_centres",
                "label_it": "Informazioni sui centri antiviolenza",
                "label_en": "Information about anti-violence centres",
            },
            {
                "code": "legal_info",
                "label_it": "Informazioni giuridiche",
                "label_en": "Legal information",
            },
            {
                "code": "operator_procedure",
                "label_it": "Domanda di un'operatrice sulle procedure",
                "label_en": "Operator's question on procedures",
            },
            {"code": "stalking", "label_it": "Stalking", "label_en": "Stalking"},
            {"code": "off_target", "label_it": "Fuori target", "label_en": "Off-target"},
        ],
    },
    {
        "key": "sex",
        "label_it": "Sesso della vittima",
        "label_en": "Victim's sex",
        "multiple": False,
        "applies_to_victims": True,
        "items": [
            {"code": "female", "label_it": "Donna", "label_en": "Woman"},
            {"code": "male", "label_it": "Uomo", "label_en": "Man"},
            _not_stated(),
        ],
    },
    {
        "key": "age_class",
        "label_it": "Classe di età",
        "label_en": "Age class",
        "multiple": False,
        "applies_to_victims": True,
        "items": [
            {"code": "up_to_17", "label_it": "Fino a 17 anni", "label_en": "Up to 17"},
            {"code": "age_18_24", "label_it": "18-24 anni", "label_en": "18-24"},
            {"code": "age_25_34", "label_it": "25-34 anni", "label_en": "25-34"},
            {"code": "age_35_44", "label_it": "35-44 anni", "label_en": "35-44"},
            {"code": "age_45_54", "label_it": "45-54 anni", "label_en": "45-54"},
            {"code": "age_55_64", "label_it": "55-64 anni", "label_en": "55-64"},
            {"code": "age_65_plus", "label_it": "65 anni e oltre", "label_en": "65 and over"},
            _not_stated("Non indicata"),
        ],
    },
    {
        "key": "citizenship",
        "label_it": "Cittadinanza",
        "label_en": "Citizenship",
        "multiple": False,
        "applies_to_victims": True,
        "items": [
            {"code": "italian", "label_it": "Italiana", "label_en": "Italian"},
            {"code": "foreign", "label_it": "Straniera", "label_en": "Foreign"},
            _not_stated("Non indicata"),
        ],
    },
    {
        "key": "violence_type",
        "label_it": "Tipi di violenza",
        "label_en": "Types of violence",
        "multiple": True,
        "applies_to_victims": True,
        "items": [
            {
                "code": "psychological",
                "label_it": "Violenza psicologica",
                "label_en": "Psychological violence",
            },
            {"code": "threats", "label_it": "Minacce", "label_en": "Threats"},
            {"code": "physical", "label_it": "Violenza fisica", "label_en": "Physical violence"},
            {"code": "sexual", "label_it": "Violenza sessuale", "label_en": "Sexual violence"},
            {"code": "economic", "label_it": "Violenza economica", "label_en": "Economic violence"},
            {"code": "stalking", "label_it": "Stalking", "label_en": "Stalking"},
            {"code": "online", "label_it": "Violenza online", "label_en": "Online violence"},
            _not_stated(),
        ],
    },
    {
        "key": "perpetrator_relationship",
        "label_it": "Relazione con l'autore della violenza",
        "label_en": "Relationship to the perpetrator",
        "multiple": False,
        "applies_to_victims": True,
        "items": [
            {
                "code": "current_partner",
                "label_it": "Partner attuale",
                "label_en": "Current partner",
            },
            {"code": "ex_partner", "label_it": "Ex partner", "label_en": "Former partner"},
            {"code": "family_member", "label_it": "Familiare", "label_en": "Family member"},
            {"code": "acquaintance", "label_it": "Conoscente", "label_en": "Acquaintance"},
            {
                "code": "colleague_employer",
                "label_it": "Collega o datore di lavoro",
                "label_en": "Colleague or employer",
            },
            {"code": "stranger", "label_it": "Sconosciuto", "label_en": "Stranger"},
            {"code": "other", "label_it": "Altro", "label_en": "Other"},
            _not_stated(),
        ],
    },
    {
        "key": "children_witnessing",
        "label_it": "Figli che assistono alla violenza",
        "label_en": "Children witnessing the violence",
        "multiple": False,
        "applies_to_victims": True,
        "items": [
            {"code": "yes", "label_it": "Sì", "label_en": "Yes"},
            {"code": "no", "label_it": "No", "label_en": "No"},
            {"code": "no_children", "label_it": "Non ha figli", "label_en": "Has no children"},
            _not_stated(),
        ],
    },
    {
        "key": "reported_to_police",
        "label_it": "Ha già denunciato alle forze dell'ordine",
        "label_en": "Already reported to the police",
        "multiple": False,
        "applies_to_victims": True,
        "items": [
            {"code": "yes", "label_it": "Sì", "label_en": "Yes"},
            {"code": "no", "label_it": "No", "label_en": "No"},
            _not_stated(),
        ],
    },
    {
        "key": "first_contact",
        "label_it": "Primo contatto con il 1522",
        "label_en": "First contact with 1522",
        "multiple": False,
        "applies_to_victims": True,
        "items": [
            {"code": "yes", "label_it": "Sì, primo contatto", "label_en": "Yes, first contact"},
            {
                "code": "no",
                "label_it": "No, ha già contattato il 1522",
                "label_en": "No, has contacted 1522 before",
            },
            _not_stated(),
        ],
    },
    {
        "key": "heard_of_1522",
        "label_it": "Come ha conosciuto il 1522",
        "label_en": "How she heard of 1522",
        "multiple": False,
        "applies_to_victims": True,
        "items": [
            {
                "code": "internet_social",
                "label_it": "Internet, social network",
                "label_en": "Internet, social media",
            },
            {"code": "tv_radio", "label_it": "TV, radio", "label_en": "TV, radio"},
            {"code": "press", "label_it": "Stampa", "label_en": "Press"},
            {
                "code": "services_centres",
                "label_it": "Servizi, centri",
                "label_en": "Services, centres",
            },
            {"code": "police", "label_it": "Forze dell'ordine", "label_en": "Police"},
            {
                "code": "relatives_friends",
                "label_it": "Parenti, amici",
                "label_en": "Relatives, friends",
            },
            {
                "code": "information_material",
                "label_it": "Materiale informativo",
                "label_en": "Information material",
            },
            {"code": "other", "label_it": "Altro", "label_en": "Other"},
            _not_stated(),
        ],
    },
    {
        "key": "referral_kind",
        "label_it": "Invio ai servizi",
        "label_en": "Referral to services",
        "multiple": True,
        "applies_to_victims": True,
        "items": [
            {
                "code": "anti_violence_centre",
                "label_it": "Centro antiviolenza",
                "label_en": "Anti-violence centre",
            },
            {"code": "shelter", "label_it": "Casa rifugio", "label_en": "Shelter"},
            {"code": "police", "label_it": "Forze dell'ordine", "label_en": "Police"},
            {
                "code": "social_services",
                "label_it": "Servizi sociali",
                "label_en": "Social services",
            },
            {
                "code": "health_services",
                "label_it": "Servizi sanitari",
                "label_en": "Health services",
            },
            {"code": "emergency_room", "label_it": "Pronto soccorso", "label_en": "Emergency room"},
            {"code": "legal_advice", "label_it": "Consulenza legale", "label_en": "Legal advice"},
            {"code": "other", "label_it": "Altro", "label_en": "Other"},
            {
                "code": "none",
                "label_it": "Nessun invio",
                "label_en": "No referral",
                "exclusive": True,
            },
            _not_stated(),
        ],
    },
    {
        # Asked of every valid contact, not only of victims: a relative's call also ends
        # with information given or a transfer, and any call can be interrupted.
        "key": "outcome",
        "label_it": "Esito del contatto",
        "label_en": "Outcome of the contact",
        "multiple": False,
        "applies_to_victims": False,
        "items": [
            {
                "code": "information_given",
                "label_it": "Informazioni fornite",
                "label_en": "Information given",
            },
            {
                "code": "transferred",
                "label_it": "Trasferita al servizio referente",
                "label_en": "Transferred to the referral service",
            },
            {
                "code": "directed_to_service",
                "label_it": "Indirizzata a un servizio",
                "label_en": "Directed to a service",
            },
            {
                "code": "police_activated",
                "label_it": "Attivate le forze dell'ordine",
                "label_en": "Police activated",
            },
            {
                "code": "callback_scheduled",
                "label_it": "Richiamata programmata",
                "label_en": "Call-back scheduled",
            },
            {
                "code": "interrupted",
                "label_it": "Chiamata interrotta",
                "label_en": "Call interrupted",
            },
        ],
    },
]
