"""A saved page read again between two builds (`invoke serve`, issue #10).

The preview renders a saved page against the last build before the full
rebuild starts (lararkiv/quick_preview.py). What plugins work out for
a page after reading it, in their generators, is missing from the page read
again; the preview copies it over from the last build's page. That is right
for what depends on the rest of the archive (a thread's other pages, a
series' meetings), wrong for what depends on the page's own text (its agenda,
its dates). So the preview sends :data:`content_read_again`, and each plugin
works out again what it would for this page alone.
"""

from __future__ import annotations

from blinker import signal

# Sender: the page as read now. ``last``: the same page as the last build
# left it, or None for a page the last build did not have (a new file).
# ``context``: the last build's generator context. A receiver sets on the
# sender what its generator would and returns the names of the attributes it
# decided (set or left out on purpose): the preview copies those from
# ``last`` no more. A receiver that cannot work a fact out without the whole
# archive raises CannotPreview.
content_read_again = signal("archive_content_read_again")


class CannotPreview(Exception):
    """The page cannot be rendered as the rebuild will: it waits for the rebuild."""


def decided_again(page, last, context):
    """Send :data:`content_read_again`; the attribute names the plugins decided."""
    decided = set()
    for _receiver, names in content_read_again.send(page, last=last, context=context):
        decided.update(names or ())
    return decided
