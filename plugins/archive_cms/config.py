"""Decap's config.yml, generated from the registry and the content model.

One folder collection per type of ``data/registry.yaml`` (its folder, the
type fixed in a hidden field), the static pages, every field with its
Swedish label; administrations, topics and series as choices from the
registry, and ``follows`` as a choice among every published page of every
type (a relation widget points into one collection only). Nothing here is
kept by hand: a new type, administration or topic in the registry is a new
collection or choice at the next build.
"""

from __future__ import annotations

import yaml

from .fields import (
    DATE,
    DATE_HINT,
    DATE_OR_TIME,
    PAGE_STATUS,
    TIME_HINT,
    attachments_field,
    choice,
    event_fields,
    group,
    listing,
    pattern,
    related_events_field,
    text,
)

# The name of the custom format admin.mjs registers (format.mjs): our front
# matter, written back byte for byte where the editor changed nothing.
FORMAT = "lararkiv-md"
MEDIA_FOLDER = "bilder"
ATTACHMENT_FOLDER = "bilagor"
# Fields shown only for the types they belong to (the reader accepts them on any).
PROJECT_ONLY = {"projekt"}
# Transliterated as `invoke new` does (Pelican's slugify: å/ä → a, ö → o).
SLUG = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def administration_options(registry):
    return [{"label": f"{a.name} ({a.abbreviation})", "value": a.slug} for a in registry.administrations.values()]


def topic_options(registry):
    # Pages name topics by their readable name: `topics: [diskriminering]`.
    return [t.name for t in registry.topics.values()]


def series_options(registry):
    return [{"label": s.name, "value": s.slug} for s in registry.series.values()]


def follows_options(pages, registry):
    """``(label, slug)`` of every page another may follow, newest first."""
    labels = {t.slug: t.label for t in registry.types.values()}
    ordered = sorted(pages, key=lambda p: (p.date, p.slug), reverse=True)
    return [
        {"label": f"{p.title} ({labels.get(p.type.slug, p.type.slug)}, {p.date:%Y-%m-%d})", "value": p.slug}
        for p in ordered
    ]


# An image without alt text in the Markdown (`![](…)`): the build refuses it
# (archive_checks), so the form does before saving.
IMAGE_WITHOUT_ALT = r"^(?![\s\S]*!\[\s*\]\()[\s\S]*$"


def body_field():
    return {"name": "body", "label": "Text", "widget": "markdown",
            "hint": "Sidans text. Rubriker börjar på nivå 2 (##). Bilder: knappen + och Bild.",
            # Our image component (admin.mjs): alt text asked for in Swedish.
            "editor_components": ["bild"],
            "pattern": pattern(IMAGE_WITHOUT_ALT,
                               "Varje bild behöver en alternativ text: skriv vad bilden visar mellan [ och ] i ![…](…).")}


def article_fields(content_type, registry, follows):
    fields = [
        text("title", "Rubrik", "Sidans rubrik, vanlig text.", required=True),
        text("date", "Publiceringsdatum", "Svensk tid: 2019-02-01 eller 2019-02-01 09:00.", required=True,
             pattern=pattern(DATE_OR_TIME, "Skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM, t.ex. 2019-02-01")),
        {"name": "type", "label": "Typ", "widget": "hidden", "default": content_type.slug},
        choice("status", "Status", PAGE_STATUS, "Lämna tomt för Publicerad."),
        archived_field(),
        choice("administrations", "Förvaltningar", administration_options(registry),
               "Sidan visas på förvaltningarnas sidor, i deras flöden och kalendrar.", multiple=True),
        choice("topics", "Ämnen", topic_options(registry),
               "Nya ämnen läggs till i data/registry.yaml.", multiple=True),
        {"name": "summary", "label": "Sammanfattning", "widget": "text", "required": False,
         "hint": "En eller två meningar som visas i listor. Lämna tomt för första stycket."},
        text("author", "Författare", "Vem som skrev texten, t.ex. Bengt Nilsson."),
        text("updated", "Senast ändrad i sak", DATE_HINT,
             pattern=pattern(DATE_OR_TIME, "Skriv ÅÅÅÅ-MM-DD, t.ex. 2019-03-01")),
        choice("series", "Mötesserie", series_options(registry), "Sidan listas på seriens sida."),
        text("theme", "Mötets tema", "Visas på seriens sida: Plan för lika möjligheter."),
        choice("follows", "Följer upp", follows,
               "Sidan som den här följer upp, t.ex. inbjudan till mötet. Sidor sparade efter senaste bygget syns här först efter nästa bygge."),
        group("event", "Evenemang", event_fields(), "Sidans egen träff: tid, plats, anmälan."),
        related_events_field(),
        listing("agenda", "Dagordning", field=text("item", "Punkt"), hint="En punkt per rad, vanlig text.",
                label_singular="punkt"),
        attachments_field(ATTACHMENT_FOLDER),
        listing("planned_meetings", "Planerade möten", [
            text("date", "Datum", TIME_HINT, required=True,
                 pattern=pattern(DATE_OR_TIME, "Skriv ÅÅÅÅ-MM-DD, t.ex. 2019-02-11")),
            text("theme", "Tema"),
            text("location", "Plats"),
            text("note", "Om mötet"),
        ], hint="Seriens kommande möten som inte har en egen sida ännu.", label_singular="möte"),
        group("quote", "Citat", [
            {"name": "text", "label": "Citat", "widget": "text", "required": True},
            text("name", "Vem", required=True),
            text("role", "Roll"),
        ]),
    ]
    if content_type.slug in PROJECT_ONLY:
        fields += [
            {"name": "progress", "label": "Hur långt projektet kommit (procent)", "widget": "number",
             "value_type": "int", "min": 0, "max": 100, "required": False},
            group("period", "Projektets period", [
                text("start", "Början", DATE_HINT, required=True, pattern=pattern(DATE, "Skriv ÅÅÅÅ-MM-DD")),
                {"name": "months", "label": "Antal månader", "widget": "number", "value_type": "int",
                 "required": False},
                text("end", "Slut", DATE_HINT, pattern=pattern(DATE, "Skriv ÅÅÅÅ-MM-DD")),
            ]),
        ]
    return [*fields, *personal_data_fields(), body_field()]


def archived_field():
    return {"name": "archived", "label": "Arkiverad text", "widget": "boolean", "required": False,
            "hint": "Kryssa i för ett gammalt inlägg som står kvar som det skrevs: läsarna ser ”Arkiverad text”."}


def personal_data_fields():
    return [
        {"name": "personal_data_reviewed", "label": "Personuppgifter granskade", "widget": "boolean",
         "required": False,
         "hint": "Kryssa i när du kontrollerat att varje e-postadress och telefonnummer som inte är stadens får publiceras."},
        listing("personal_data_exceptions", "Medvetna undantag", [
            text("value", "Uppgift", required=True),
            text("reason", "Varför den får publiceras", required=True),
        ], hint="Personnummer eller kontaktuppgifter som medvetet publiceras, med skäl.", label_singular="undantag"),
    ]


def type_collection(content_type, registry, follows):
    return {
        "name": content_type.slug,
        "label": content_type.plural,
        "label_singular": content_type.label,
        "folder": f"content/{content_type.folder}",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}} ({{date}})",
        "sortable_fields": ["date", "title"],
        "fields": article_fields(content_type, registry, follows),
    }


def pages_collection():
    return {
        "name": "sidor",
        "label": "Sidor",
        "label_singular": "Sida",
        "folder": "content/sidor",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "slug": "{{slug}}",
        "identifier_field": "title",
        "fields": [
            text("title", "Rubrik", required=True),
            {"name": "summary", "label": "Sammanfattning", "widget": "text", "required": False},
            choice("status", "Status", PAGE_STATUS, "Lämna tomt för Publicerad."),
            archived_field(),
            *personal_data_fields(),
            body_field(),
        ],
    }


def backend(config):
    chosen = {
        "name": "github",
        "repo": config["CMS_REPO"],
        "branch": config["CMS_BRANCH"],
        "commit_messages": {
            "create": "Ny sida i {{collection}}: {{slug}}",
            "update": "Ändrad sida i {{collection}}: {{slug}}",
            "delete": "Borttagen sida i {{collection}}: {{slug}}",
            "uploadMedia": "Ny fil: {{path}}",
            "deleteMedia": "Borttagen fil: {{path}}",
        },
    }
    if config["CMS_AUTH_BASE_URL"]:
        # Our proxy (lararkiv/cms_auth.py) or any that speaks Decap's protocol.
        chosen["base_url"] = config["CMS_AUTH_BASE_URL"]
        chosen["auth_endpoint"] = config["CMS_AUTH_ENDPOINT"]
    return chosen


def cms_config(registry, pages, config, site_name="Webbplatsen"):
    """The configuration as a dict: ``pages`` are those ``follows`` may name."""
    follows = follows_options(pages, registry)
    result = {
        "locale": "sv",
        "backend": backend(config),
        "local_backend": {"url": config["CMS_LOCAL_BACKEND_URL"]},
        "media_folder": f"content/{MEDIA_FOLDER}",
        # What the Markdown gets: Pelican's {static} link to the copied file.
        "public_folder": "{static}/" + MEDIA_FOLDER,
        "slug": SLUG,
        "site_url": "../",
        # The link back to the site, shown by its name (relative: any host).
        "display_url": site_name,
        "show_preview_links": False,
        "collections": [*(type_collection(t, registry, follows) for t in registry.types.values()),
                        pages_collection()],
    }
    if config["CMS_EDITORIAL_WORKFLOW"]:
        result["publish_mode"] = "editorial_workflow"
    return result


class _Dumper(yaml.SafeDumper):
    """Every list written out where it is used: no &anchors for a reader to follow."""

    def ignore_aliases(self, data):
        return True


def config_yaml(config):
    header = "# Genereras vid varje bygge av plugins/archive_cms från data/registry.yaml: ändra inte här.\n"
    return header + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
