"""Production settings: pelicanconf.py plus what differs when publishing."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://lararkiv.helsingborg.se")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

# Drafts (`status: draft`) are built for the preview only: an empty save_as
# makes Pelican write nothing for them, and drafts are never in listings,
# feeds, the sitemap or the search index. `invoke publish` also refuses an
# output that contains the drafts' folder.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
# Feeds are on in production (the entries' links use FEED_DOMAIN = SITEURL).
FEED_ALL_ATOM = "feeds/alla.atom.xml"
CATEGORY_FEED_ATOM = "feeds/typ/{slug}.atom.xml"
# /admin/ (archive_cms, the editors' CMS) is published too; CMS_ENABLED =
# False leaves it out. CMS_REPO, CMS_BRANCH, CMS_AUTH_BASE_URL and
# CMS_AUTH_ENDPOINT say where it commits and who signs editors in (docs/cms-inloggning.md).
