"""Content errors: what an editor needs to fix a page, in one line."""

from __future__ import annotations

import difflib
import functools
import logging
import os

logger = logging.getLogger(__name__)


class ContentError(ValueError):
    """A problem in one content file: file, line, field, what was expected, a hint."""

    def __init__(self, path, message, *, line=None, field=None, hint=None):
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __reduce__(self):
        # Pickled when a worker process reads the file (prefetch.py).
        fields = {"line": self.line, "field": self.field, "hint": self.hint}
        return (functools.partial(type(self), **fields), (self.path, self.message))

    @property
    def location(self):
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self):
        field = f"fält '{self.field}': " if self.field else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{self.location}: {field}{self.message}{hint}"


class ContentErrorGroup(ContentError):
    """Several problems in one file found in one read (its front-matter
    fields), so an editor fixes the page in one go. Caught wherever a
    ContentError is; :func:`flatten` lists them one by one where errors are
    collected. Its path, line, field, … are those of its first error by
    line; ``str()`` gives every error, one per line."""

    def __init__(self, errors):
        self.errors = sorted(flatten(errors), key=lambda e: e.line or 0)
        first = self.errors[0]
        super().__init__(
            first.path, first.message, line=first.line, field=first.field, hint=first.hint
        )

    def __reduce__(self):
        return (type(self), (self.errors,))

    def __str__(self):
        return "\n".join(str(e) for e in self.errors)


def flatten(errors):
    """``errors`` with every group replaced by its errors, in order."""
    for error in errors:
        if isinstance(error, ContentErrorGroup):
            yield from error.errors
        else:
            yield error


class Collected:
    """Errors kept while reading goes on: a failing read leaves its error
    here and gives a default, so one build lists all of a page's mistakes."""

    def __init__(self, errors=()):
        self.errors = list(errors)

    def attempt(self, read, *args, default=None):
        try:
            return read(*args)
        except ContentError as error:
            self.errors.append(error)
            return default


def raise_all(errors):
    """Raise the one error as it is, or several as a group; nothing if none."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ContentErrorGroup(errors)


class ContentErrors(SystemExit):
    """Raised once per build when any content file failed, by
    :meth:`BuildErrors.stop_if_any` only: stops Pelican before it writes
    anything, so the published folder is never half-built.

    A SystemExit on purpose: Pelican logs any Exception with a traceback and
    wraps it to the terminal's width; an editor needs each error on one line,
    `file:line: message`, and exit status 1.
    """

    def __init__(self, errors):
        self.errors = list(flatten(errors))  # one line per error, also in a group
        lines = "\n".join(f"  {e}" for e in self.errors)
        super().__init__(f"{len(self.errors)} fel i innehållet, inget skrevs:\n{lines}")


def did_you_mean(value, choices):
    """A Swedish hint naming the nearest known values, or all of them.

    ``choices`` maps what is compared to how it is shown; a plain list shows
    each value quoted.
    """
    if not isinstance(choices, dict):
        choices = {str(c): f"'{c}'" for c in choices}
    value = str(value).lower()
    near = difflib.get_close_matches(value, list(choices), n=5, cutoff=0.6)
    # Also a shared stem: "ensamheten" is near "ofrivillig ensamhet".
    near += [c for c in choices if len(value) >= 5 and value[:5] in c.lower()]
    shown = list(dict.fromkeys(choices[c] for c in near))[:3]
    if shown:
        return "menade du " + " eller ".join(shown) + "?"
    return "giltiga värden: " + ", ".join(dict.fromkeys(choices.values()))


class BuildErrors:
    """Every content error of one build, from every plugin.

    Plugins report into their build's (build.py) while reading and checking
    and never raise; the build stops once, before anything is written
    (archive_model's ``get_writer`` receiver, or lararkiv's runner for
    ``invoke check``), with every error sorted by file and line, whatever
    the plugins' order.
    """

    def __init__(self):
        self._errors = []
        # Files that could not be read: they are missing from the build, so
        # what other pages say of them (a broken link) is only their echo.
        self._unreadable = set()

    def report(self, errors, *, unreadable=False):
        """Keep one ContentError (or group) or an iterable of them;
        ``unreadable``: errors of files the build could not read."""
        if isinstance(errors, ContentError):
            errors = [errors]
        errors = list(flatten(errors))
        self._errors.extend(errors)
        if unreadable:
            self._unreadable.update(e.path for e in errors)

    def __bool__(self):
        return bool(self._errors)

    def sorted(self, content_path):
        """Each error once, by file and line, less the echoes of files that
        could not be read (fixing that file fixes them)."""
        broken = {
            os.path.relpath(os.path.abspath(path), content_path).replace(os.sep, "/")
            for path in self._unreadable
        }
        unique = {str(e): e for e in self._errors}.values()
        shown = [
            e
            for e in unique
            if not any(path in e.message for path in broken if not e.path.endswith(path))
        ]
        return sorted(shown, key=lambda e: (e.path, e.line or 0, str(e)))

    def stop_if_any(self, content_path):
        if self._errors:
            raise ContentErrors(self.sorted(content_path))


# Set (to anything) for the invoke tasks to show a bug's traceback, as
# `pelican --debug` does for a plain build.
DEBUG_ENV = "LARARKIV_DEBUG"


def fault(path, error):
    """A bug of ours met while handling ``path``, as the one line an editor
    sees; the traceback goes to the debug log (``pelican --debug``)."""
    logger.debug("Fel i arkivets kod vid %s", path, exc_info=error)
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return ContentError(
        path,
        f"ett fel i arkivets kod, inte i texten ({type(error).__name__}: {first_line})",
        hint=f"detaljer med pelican --debug eller {DEBUG_ENV}=1 invoke …; meddela arkivets utvecklare",
    )
