"""Tag and category lists that answer ``in`` without a scan.

Pelican writes each tag's and category's page with
``[article for article in self.dates if article in articles]``
(``ArticlesGenerator.generate_tags`` and ``generate_categories``): every
article of the site tested against the tag's list, one by one. That grows
with the square of the archive: 0.11 s at 2,000 pages, about 3 s at 10,000
(issue #10). Pelican offers no setting or signal to change that code, and
copying it into a patch would have to follow every Pelican release; what a
plugin may change is the lists it fills (``article_generator_pretaxonomy`` is
sent just before). So these lists are :class:`MemberList`: a plain list that
also keeps the ids of its items, for ``in``.
"""

from __future__ import annotations

from collections import defaultdict


class MemberList(list):
    """A list whose ``in`` is a set lookup when it can be exactly what the
    list's own ``in`` says: for items that compare by identity (Pelican's
    articles define no ``__eq__``). The ids are taken once the list stops
    growing (Pelican appends every article before it asks), and again if
    its length changes."""

    def __contains__(self, item):
        if type(item).__eq__ is not object.__eq__:
            return list.__contains__(self, item)
        if getattr(self, "_size", None) != len(self):
            self._ids = {id(member) for member in self}
            self._size = len(self)
        return id(item) in self._ids


def index_taxonomies(generator):
    """Before Pelican files its articles under tags and categories."""
    for name in ("tags", "categories"):
        current = getattr(generator, name, None)
        if isinstance(current, defaultdict) and current.default_factory is list and not current:
            setattr(generator, name, defaultdict(MemberList))
