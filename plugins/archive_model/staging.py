"""Nothing half-written: a build writes into a staging folder beside its
output folder and swaps it in only when every step has succeeded.

Pelican writes straight into OUTPUT_PATH, and some of a build's work happens
after the first file is written (templates, calendars, the sitemap,
Pagefind); archive_speed even removes stale pages before ``get_writer``. A
failure there (a bug, a template error, a killed process) would leave the
folder half old, half new, and the preview or a sync would serve it. So:

- before anything else of a build runs, the output folder is copied (file
  times kept, so archive_speed's "write only what changed" still leaves
  unchanged files' times alone) to ``.<name>.bygge`` beside it, and Pelican
  and every generator are pointed there;
- when the build has finished (``finalized`` and everything after it), the
  staging folder and the output folder are exchanged in one atomic
  ``renameat2`` (Linux; elsewhere two renames a moment apart) and the old
  site, now in the staging folder's place, is removed;
- any failure (a content error, a bug, Ctrl+C, a newer save in the preview)
  removes the staging folder: the output folder is exactly as it was. A
  killed build leaves only the staging folder, which the next build replaces.

Plain ``pelican content -o DIR`` gets this from :func:`stage_every_run`
(``initialized``: the Pelican's ``run`` is wrapped, because ``finalized`` has
other receivers whose order blinker does not define, and the swap must come
after all of them). lararkiv's runner, which runs Pelican's steps itself,
uses :func:`staged` around them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import shutil

from .build import BUILD
from .errors import ContentError, ContentErrors, fault
from .settings import SettingsError

STAGING_SUFFIX = ".bygge"
AT_FDCWD = -100
RENAME_EXCHANGE = 2


def staging_folder(output):
    """``.<name>.bygge`` beside ``output``: the same file system, so the swap
    is a rename; hidden, so a listing of the parent folder stays tidy."""
    output = os.path.abspath(output)
    parent, name = os.path.split(output)
    return os.path.join(parent, f".{name}{STAGING_SUFFIX}")


def exchange(first, second):
    """Swap two paths atomically; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), first)


def prepare(output, content):
    """A fresh staging folder holding a copy of ``output`` (if any)."""
    if os.path.commonpath([output, content]) == output:
        problem = "utmappen innehåller innehållsmappen, så bygget kan inte göras vid sidan av den"
        raise ContentErrors([ContentError(output, problem, hint="välj en annan utmapp (-o)")])
    staging = staging_folder(output)
    shutil.rmtree(staging, ignore_errors=True)  # a killed build's leftovers
    if os.path.isdir(output):
        shutil.copytree(output, staging, symlinks=True)
    else:
        os.makedirs(staging)
    return staging


def swap_in(staging, output):
    """Make ``staging`` the output folder; the old one is removed after."""
    if not os.path.exists(output):
        os.rename(staging, output)
        return
    if not exchange(staging, output):
        parked = staging + ".gammal"
        shutil.rmtree(parked, ignore_errors=True)
        os.rename(output, parked)
        os.rename(staging, output)
        staging = parked
    shutil.rmtree(staging, ignore_errors=True)


def _point_at(pelican, output):
    pelican.output_path = output
    pelican.settings["OUTPUT_PATH"] = output


def _rebase_last_outputs(settings, old, new):
    """The files the last build (or the preview's early page) recorded under
    ``old`` are the same files under ``new`` now (archive_speed compares
    them by path to find stale ones)."""
    build = settings.get(BUILD)
    if build is None:
        return
    prefix = os.path.join(old, "")
    build.outputs = {new + path[len(old) :] if path.startswith(prefix) else path for path in build.outputs}


@contextlib.contextmanager
def folder_errors(output):
    """A folder that cannot be copied, made or renamed (permissions, a full
    disk) as the build's one Swedish line."""
    try:
        yield
    except OSError as error:
        problem = f"bygget kunde inte göras vid sidan av utmappen ({error.strerror or error}: {error.filename or output})"
        raise ContentErrors([ContentError(output, problem, hint="kontrollera att mappen bredvid går att skriva i och att disken inte är full")]) from None


@contextlib.contextmanager
def staged(pelican):
    """The block builds into a staging folder; on success it becomes
    ``pelican.output_path``, on any failure it is removed."""
    output = os.path.abspath(pelican.output_path)
    with folder_errors(output):
        staging = prepare(output, os.path.abspath(pelican.settings["PATH"]))
    _rebase_last_outputs(pelican.settings, output, staging)
    _point_at(pelican, staging)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    else:
        with folder_errors(output):
            swap_in(staging, output)
    finally:
        _point_at(pelican, output)
        _rebase_last_outputs(pelican.settings, staging, output)


def one_line_failures(run):
    """``run`` (Pelican's) with any bug of ours turned into our one Swedish
    line (ContentErrors); Pelican itself would print its traceback. The
    traceback stays in the debug log (``pelican --debug``)."""
    try:
        return run()
    except (ContentErrors, KeyboardInterrupt):
        raise
    except SettingsError as error:
        raise ContentErrors([ContentError("inställningarna", str(error))]) from None
    except Exception as error:  # noqa: BLE001 — any bug, shown as our one line
        raise ContentErrors([fault("bygget", error)]) from None


def stage_every_run(pelican):
    """``initialized``: every ``pelican.run()`` builds staged (see above)."""
    if getattr(pelican.run, "staged", False):
        return
    plain_run = pelican.run

    @functools.wraps(plain_run)
    def run():
        with staged(pelican):
            return one_line_failures(plain_run)

    run.staged = True
    pelican.run = run

