"""Each page's URL worked out once (``SPEED_REMEMBER_URLS``).

Pelican's ``Content.url`` formats the URL setting with a copy of the page's
metadata on every access: about 15 times per page per build (listings,
threads, feeds, calendars, links), 8 % of a build. Once every file is read,
nothing changes a page's status, slug or date any more, so the URL is worked
out once and kept where Pelican itself looks first, ``override_url`` (what a
``url:`` field sets). ``save_as`` is left as it is: Pelican takes an
``override_save_as`` as leave to overwrite another file, and it is used once
per page only. Static files keep theirs too: linking one can still move it
(``{attach}``).
"""

from __future__ import annotations

from archive_model.contents import contents


def remember_urls(generators):
    for content in contents(generators):
        if not hasattr(content, "override_url"):
            content.override_url = content.url
