"""Production settings: pelicanconf.py plus what differs when publishing."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://lararkiv.helsingborg.se")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
