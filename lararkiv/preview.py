"""`invoke serve`: the preview server with live reload and errors on the page.

The server serves the output folder and, only as it sends an HTML page, adds
one stylesheet and one script of its own (``preview_static/``): the script
listens for server-sent events and reloads the page when a new build is done;
after a failed build every page starts with the list of errors. Nothing of
this is ever written to the output folder, so it cannot be published.
"""

from __future__ import annotations

import html
import http.server
import mimetypes
import os
import posixpath
import queue
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

import watchfiles  # Pelican's own dependency for --autoreload
from archive_model.errors import DEBUG_ENV, ContentErrors, fault, flatten
from archive_model.reader import display_path

from .quick_preview import render_saved_pages
from .runner import Superseded, build, drafts

PREFIX = "/__forhandsvisning/"
STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "preview_static")
# Seconds between keep-alive comments on the event stream; the browser
# reconnects by itself after a restart of the server.
KEEPALIVE = 15


class PreviewState:
    """The last build as the browser sees it: an id that changes with every
    build (also across restarts of the server) and its errors, if any."""

    def __init__(self):
        self.changed = threading.Condition()
        self.build_id = str(time.time_ns())
        self.errors = []

    def publish(self, errors):
        with self.changed:
            self.build_id = str(time.time_ns())
            self.errors = list(errors)
            self.changed.notify_all()

    def wait(self, seen, timeout):
        with self.changed:
            self.changed.wait_for(lambda: self.build_id != seen, timeout)
            return self.build_id


def error_banner(errors):
    """The error list shown at the top of every page after a failed build."""
    items = "".join(
        f"<li><code>{html.escape(location)}</code> {html.escape(message)}</li>"
        for location, message in errors
    )
    return (
        '<div class="la-preview-errors" role="alert">'
        f'<p class="la-preview-errors__title">Bygget stoppades: {len(errors)} fel i innehållet</p>'
        "<p>Förhandsvisningen visar den senaste versionen som gick att bygga. "
        "Rätta felen och spara filen, så laddas sidan om av sig själv.</p>"
        f'<ul class="la-preview-errors__list">{items}</ul></div>'
    )


def inject(page, state):
    """The page with the preview's stylesheet, error list and script added."""
    head = f'<link rel="stylesheet" href="{PREFIX}preview.css">'
    script = (
        f'<script src="{PREFIX}live.js" data-build="{state.build_id}" '
        f'data-events="{PREFIX}events" defer></script>'
    )
    banner = error_banner(state.errors) if state.errors else ""
    page = _insert_before(page, "</head>", head)
    page = _insert_after_tag(page, "<body", banner)
    return _insert_before(page, "</body>", script)


def _insert_before(page, marker, text):
    index = page.rfind(marker)
    return page[:index] + text + page[index:] if index >= 0 else page + text


def _insert_after_tag(page, tag, text):
    start = page.find(tag)
    end = page.find(">", start) if start >= 0 else -1
    return page[: end + 1] + text + page[end + 1 :] if end >= 0 else text + page


STANDALONE = (
    '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
    "<title>Förhandsvisning: inget bygge ännu</title></head><body>"
    "<main><h1>Förhandsvisningen har inget att visa ännu</h1>"
    "<p>Webbplatsen har inte gått att bygga. Felen står ovan och i terminalen.</p>"
    "</main></body></html>"
)


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    """Serves ``root`` like a static host (folders → index.html, 404.html for
    missing pages) plus the preview's own files under :data:`PREFIX`."""

    root = ""
    state: PreviewState = None
    protocol_version = "HTTP/1.1"
    head_only = False
    # `invoke redigera`: the CMS's API path on this origin and the
    # decap-server it is forwarded to (lararkiv.cms), so /admin/ asks no
    # other origin; pages under ``plain_prefixes`` get no live reload (the
    # CMS would lose what the editor typed at every rebuild).
    api_path = "/api/v1"
    api_upstream = None
    plain_prefixes = ()

    def log_message(self, *args):
        pass  # the terminal is for build messages

    def do_HEAD(self):
        self.head_only = True
        self.do_GET()

    def do_GET(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path == PREFIX + "events" and not self.head_only:
            return self.stream_events()
        if path.startswith(PREFIX):
            return self.send_file(
                os.path.join(STATIC, posixpath.basename(path)), 200, inject_html=False
            )
        file = self.resolve(path)
        if file is None:
            return None
        if os.path.isfile(file):
            return self.send_file(file, 200, inject_html=not path.startswith(self.plain_prefixes))
        not_found = os.path.join(self.root, "404.html")
        if os.path.isfile(not_found):
            return self.send_file(not_found, 404)
        return self.send_page(STANDALONE, 404 if not self.state.errors else 503)

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        if path != self.api_path or not self.api_upstream:
            return self.send_bytes(b"", 405, "text/plain")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        request = urllib.request.Request(
            self.api_upstream, data=body, method="POST",
            headers={"Content-Type": self.headers.get("Content-Type") or "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, data, kind = response.status, response.read(), response.headers.get("Content-Type")
        except urllib.error.HTTPError as error:
            status, data, kind = error.code, error.read(), error.headers.get("Content-Type")
        except OSError:
            status, data, kind = 502, b'{"error": "decap-server svarar inte"}', "application/json"
        return self.send_bytes(data, status, kind or "application/json")

    def resolve(self, path):
        """The file for a URL path; redirects folders without "/"; None if answered."""
        parts = [p for p in path.split("/") if p not in ("", ".", "..")]
        file = os.path.join(self.root, *parts)
        if os.path.isdir(file):
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            file = os.path.join(file, "index.html")
        return file

    def send_file(self, file, status, inject_html=True):
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError:
            return self.send_page(STANDALONE, 404)
        content_type = mimetypes.guess_type(file)[0] or "application/octet-stream"
        if content_type == "text/html" and inject_html:
            return self.send_page(data.decode("utf-8", errors="replace"), status)
        return self.send_bytes(data, status, content_type)

    def send_page(self, page, status):
        return self.send_bytes(
            inject(page, self.state).encode("utf-8"), status, "text/html; charset=utf-8"
        )

    def send_bytes(self, data, status, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        # The preview must always show the latest build.
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not self.head_only:
            self.wfile.write(data)

    def stream_events(self):
        """Server-sent events: the build id now and after every build."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = None
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while True:
                current = self.state.wait(seen, KEEPALIVE)
                self.wfile.write(
                    f"data: {current}\n\n".encode() if current != seen else b": ping\n\n"
                )
                self.wfile.flush()
                seen = current
        except (BrokenPipeError, ConnectionResetError):
            return


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start_server(root, state, host, port, *, api_upstream=None, plain_prefixes=()):
    """Serve ``root`` on host:port in a background thread; returns the server.
    With ``api_upstream`` the CMS's API path is forwarded there."""
    attributes = {"root": os.path.abspath(root), "state": state, "api_upstream": api_upstream,
                  "plain_prefixes": tuple(plain_prefixes)}
    handler = type("Handler", (PreviewHandler,), attributes)
    server = PreviewServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True, name="forhandsvisning").start()
    return server


def describe(errors):
    """(location, message) pairs for the error list."""
    described = []
    for error in flatten(errors):  # a group of one page's errors: a line each
        location = getattr(error, "location", None)
        if location:
            described.append((location, str(error)[len(location) + 2 :]))
        else:
            described.append(("bygget", f"{type(error).__name__}: {error}"))
    return described


def file_times(paths):
    """Each file's modification time under ``paths`` (files or folders)."""
    times = {}
    for root in paths:
        found = [root] if os.path.isfile(root) else (
            os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names
        )
        for path in found:
            try:
                times[path] = os.stat(path).st_mtime_ns
            except OSError:
                continue
    return times


def changed_since(before, paths):
    """Files under ``paths`` saved, added or removed since ``before`` (file_times)."""
    after = file_times(paths)
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def changes(paths, stop_event=None, before=None):
    """Sets of changed files under ``paths``, one set per burst of saves.

    The watcher starts only when this is called, after the first build: with
    ``before`` (file_times taken when that build started) a save made while it
    ran comes first, instead of being missed until the next save.
    """
    existing = [p for p in paths if os.path.exists(p)]
    missed = changed_since(before, existing) if before is not None else set()
    if missed:
        yield missed
    for batch in watchfiles.watch(*existing, stop_event=stop_event, debounce=300):
        yield {path for _change, path in batch}


class ChangeFeed:
    """Saves as they come, watched in a thread of their own, so that a
    rebuild can ask whether the editor has saved again in the meantime."""

    def __init__(self, paths, before=None):
        self._batches = queue.Queue()
        self._stop = threading.Event()
        threading.Thread(
            target=self._watch, args=(paths, before), daemon=True, name="bevakning"
        ).start()

    def _watch(self, paths, before):
        for batch in changes(paths, self._stop, before):
            self._batches.put(batch)

    def pending(self):
        return not self._batches.empty()

    def next(self):
        """Every file saved since the last call; waits for the first save."""
        changed = set(self._batches.get())
        while self.pending():
            changed |= self._batches.get()
        return changed

    def close(self):
        self._stop.set()


def show_saved_pages(pelican, last_build, changed, state, stream=None):
    """The saved pages rendered against the last build, before the rebuild
    (quick_preview.py); the browser reloads. Errors shown stay shown."""
    written = render_saved_pages(pelican, last_build, changed) if last_build else []
    if written:
        state.publish(state.errors)
        # Addresses on the preview server: a new page is linked from nowhere yet.
        shown = ", ".join(address(path, pelican.output_path) for path in written)
        print(f"  visas direkt: {shown} — resten byggs om", file=stream or sys.stderr, flush=True)
    return written


def address(path, output):
    """``/arkiv/2019/01/x/`` for ``<output>/arkiv/2019/01/x/index.html``."""
    relative = os.path.relpath(path, output).replace(os.sep, "/")
    return "/" + relative.removesuffix("index.html")


def build_for_preview(pelican, state, stream=None, superseded=None):
    """Rebuild; on any error keep serving the last good build and show why.

    Returns the build's generators, or None if it failed or was superseded
    by a newer save (then nothing is announced: the next build follows).
    """
    stream = stream or sys.stderr
    try:
        generators = build(pelican, stream, superseded)
    except Superseded:
        print("  avbrutet: filer sparades igen, bygger om med dem", file=stream, flush=True)
        return None
    except ContentErrors as stop:
        print(stop.code, file=stream)
        print(
            "Förhandsvisningen visar felen på sidan och fortsätter; rätta och spara.",
            file=stream,
            flush=True,
        )
        state.publish(describe(stop.errors))
        return None
    except Exception as exc:  # noqa: BLE001 — a template or plugin bug must not stop the preview
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc(file=stream)
        else:
            print(f"fel: {fault('bygget', exc)}", file=stream, flush=True)
        state.publish(describe([exc]))
        return None
    for draft in drafts(generators):
        print(
            f"  utkast (bara i förhandsvisningen): /{draft.url}"
            f"  ← {display_path(draft.source_path)}",
            file=stream,
        )
    stream.flush()
    state.publish([])
    return generators


def serve(pelican, output, watched, host, port, **server_options):
    """`invoke serve`: build, serve ``output`` on http://HOST:PORT/, and
    build again on every change to the ``watched`` folders until Ctrl+C.
    `invoke redigera` adds the CMS's API (``server_options``, see start_server)."""
    state = PreviewState()
    # Watched from before the first build: a save made while it runs is not
    # missed, and any build stops as soon as a newer save is waiting.
    feed = ChangeFeed(watched, before=file_times(watched))
    last_build = build_for_preview(pelican, state, superseded=feed.pending)
    server = start_server(output, state, host, port, **server_options)
    print(f"Förhandsvisning: http://{host}:{port}/  (Ctrl+C avslutar)", flush=True)
    try:
        while True:
            changed = feed.next()
            shown = ", ".join(sorted(display_path(p) for p in changed))
            if any(p.endswith(".py") for p in changed):
                # Python modules cannot be reloaded safely in-process.
                print(f"Ändrat: {shown} — startar om förhandsvisningen", flush=True)
                server.server_close()
                os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
            print(f"Ändrat: {shown} — bygger om", flush=True)
            # The saved page at once, then the whole site (quick_preview.py).
            show_saved_pages(pelican, last_build, changed, state)
            last_build = build_for_preview(pelican, state, superseded=feed.pending) or last_build
    except KeyboardInterrupt:
        print("Förhandsvisningen avslutad.")
    finally:
        feed.close()
        server.shutdown()
