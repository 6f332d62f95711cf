"""The search page (/sok/): a Generator, because it writes a page of its own
whose filters list every value the index holds."""

from __future__ import annotations

from archive_model.build import build_of
from pelican.generators import Generator

from .records import filter_groups, search_record
from .settings import search_settings


class SearchPageGenerator(Generator):
    def generate_output(self, writer):
        options = search_settings(self.settings)
        registry = build_of(self.settings).registry
        items = [*self.context.get("articles", ()), *self.context.get("pages", ())]
        records = [r for r in (search_record(item, registry) for item in items) if r]
        writer.write_file(
            options["SEARCH_SAVE_AS"],
            self.get_template("search"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=options["SEARCH_URL"],
            page_name=options["SEARCH_URL"].rstrip("/"),
            search_filters=filter_groups(records, registry),
            search_page_count=len(records),
        )
