"""The form's fields: every front-matter field of the content model
(docs/innehallsmodell.md) as a Decap field with its Swedish label and hint.

Vocabularies (administrations, topics, series, the pages `follows` may
name) come from the registry and the build in config.py; this module holds
only what does not change with the data.
"""

from __future__ import annotations

# What the reader accepts (archive_model.dates): a date, or a date and a
# time, Europe/Stockholm wall-clock time. Checked in the form before saving.
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATE_OR_TIME = r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$"
END = r"^(\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?|\d{2}:\d{2})$"
DATE_HINT = "Skriv datum som 2019-02-08."
TIME_HINT = "Skriv 2019-02-08 för en heldag eller 2019-02-08 13:30 (svensk tid)."


def pattern(regex, message):
    return [regex, message]


def text(name, label, hint="", required=False, **extra):
    return {"name": name, "label": label, "widget": "string", "hint": hint, "required": required, **extra}


def when(name, label, hint=TIME_HINT, required=False, regex=DATE_OR_TIME):
    return text(name, label, hint, required, pattern=pattern(regex, "Skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM, t.ex. 2019-02-08 13:30"))


def choice(name, label, options, hint="", multiple=False, required=False):
    return {"name": name, "label": label, "widget": "select", "options": options, "multiple": multiple,
            "hint": hint, "required": required}


def group(name, label, fields, hint="", collapsed=True):
    """An optional block. Its fields are not required in the form: Decap
    checks them even when the block is left empty (3.16), which would stop
    every save of a page without it; the build names a missing one."""
    return {"name": name, "label": label, "widget": "object", "required": False, "collapsed": collapsed,
            "hint": hint, "fields": [optional(f) for f in fields]}


def optional(field):
    if field.get("widget") == "list":
        return field  # its items' fields apply only to items that exist
    result = {**field, "required": False}
    if "fields" in result:
        result["fields"] = [optional(f) for f in result["fields"]]
    return result


def listing(name, label, fields=None, *, field=None, hint="", label_singular=None):
    widget = {"name": name, "label": label, "widget": "list", "required": False, "hint": hint,
              "collapsed": False}
    if label_singular:
        widget["label_singular"] = label_singular
    if field is not None:
        widget["field"] = field
    else:
        widget["fields"] = fields
    return widget


EVENT_STATUS = [
    {"label": "Planerat", "value": "scheduled"},
    {"label": "Inställt", "value": "cancelled"},
    {"label": "Uppskjutet", "value": "postponed"},
    {"label": "Fullbokat", "value": "full"},
    {"label": "Preliminärt", "value": "tentative"},
]
FREQUENCIES = [
    {"label": "Varje dag", "value": "daily"},
    {"label": "Varje vecka", "value": "weekly"},
    {"label": "Varje månad", "value": "monthly"},
    {"label": "Varje år", "value": "yearly"},
]
PAGE_STATUS = [
    {"label": "Publicerad", "value": "published"},
    {"label": "Utkast (bara i förhandsvisningen)", "value": "draft"},
    {"label": "Dold (publicerad men inte i listor)", "value": "hidden"},
]


def event_fields():
    """The event block, in the order of docs/innehallsmodell.md."""
    return [
        when("start", "Börjar", required=True),
        when("end", "Slutar", "En tid samma dag (15:30), ett datum och en tid, eller för en heldag den sista dagen.",
             regex=END),
        text("location", "Plats", "Till exempel Fontänhuset Helsingborg."),
        text("address", "Adress", "Gatuadress och ort: Norra strandgatan 8, Helsingborg."),
        text("online_url", "Länk för att delta på distans", "Bara för digitala eller hybrida träffar."),
        group("registration", "Anmälan", [
            text("email", "E-post för anmälan"),
            text("phone", "Telefon för anmälan"),
            text("url", "Länk till anmälan"),
            text("contact", "Vem svarar", "Till exempel anhörigkonsult Anna Pihlqvist."),
            when("deadline", "Sista anmälningsdag", "Ett datum, eller datum och tid, senast när träffen börjar."),
            text("note", "Om anmälan"),
        ]),
        listing("speakers", "Medverkande", [
            text("name", "Namn", required=True),
            text("affiliation", "Roll eller organisation"),
        ], label_singular="medverkande"),
        text("organizer", "Arrangör", "Lämna tomt för seriens arrangör."),
        choice("status", "Status", EVENT_STATUS, "Lämna tomt för Planerat."),
        group("recurrence", "Återkommer", [
            choice("freq", "Hur ofta", FREQUENCIES, required=True),
            {"name": "interval", "label": "Intervall", "widget": "number", "value_type": "int", "min": 1,
             "required": False, "hint": "2 = varannan vecka, månad …"},
            text("byday", "Veckodagar", "MO, TU, WE, TH, FR, SA, SU; för månader med ordningstal: 1MO, -1WE."),
            {"name": "bymonthday", "label": "Dag i månaden", "widget": "number", "value_type": "int", "min": 1,
             "max": 31, "required": False},
            {"name": "count", "label": "Antal träffar", "widget": "number", "value_type": "int", "min": 1,
             "max": 500, "required": False, "hint": "Antingen antal träffar eller sista datum."},
            when("until", "Sista datum", DATE_HINT, regex=DATE),
        ], "Början ska vara den första träffen regeln ger."),
        text("note", "Om tiden", "Till exempel: Frukost serveras från kl. 07.45."),
        text("title", "Rubrik", "Lämna tomt för sidans rubrik."),
    ]


def related_events_field():
    """Further events the page announces (spring's three breakfasts), each
    an event block with a title of its own: the build requires one."""
    fields = [text("title", "Rubrik", "Varje händelse behöver en egen rubrik, t.ex. Forskningsfrukost 14 mars.",
                   required=True),
              *(field for field in event_fields() if field["name"] != "title")]
    return listing("related_events", "Fler händelser", fields,
                   hint="Andra träffar som sidan annonserar. De kommer med i kalendrarna och på seriens sida.",
                   label_singular="händelse")


def attachments_field(folder):
    return listing("attachments", "Bilagor", [
        {"name": "file", "label": "Fil", "widget": "file", "required": False,
         "media_folder": f"/content/{folder}", "public_folder": folder,
         "hint": f"Filen sparas i content/{folder}/. Behövs inte för en bilaga som inte finns längre."},
        text("title", "Namn på bilagan", "Till exempel Minnesanteckningar.", required=True),
        {"name": "lost", "label": "Finns inte längre", "widget": "boolean", "required": False,
         "hint": "Kryssa i för en bilaga som inte finns kvar: läsarna ser namnet och att den inte finns längre."},
    ], hint="Visas som ”Minnesanteckningar (pdf, 120 kB)”.", label_singular="bilaga")
