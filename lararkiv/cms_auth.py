"""A tiny GitHub OAuth proxy that signs editors in to /admin/ (Decap CMS).

GitHub will not give a web page a token for its sign-in code without the
OAuth app's secret, and the secret cannot live in a static site: this
service keeps it. It speaks Decap's protocol (decap-cms-lib-auth,
netlify-auth.js) and stores nothing:

1. Decap opens a window at ``{base_url}/{auth_endpoint}?provider=github&
   site_id=…&scope=repo``; we answer with a redirect to GitHub's authorize
   page carrying a random ``state``, also set as a cookie in that window.
2. GitHub sends the window back to ``/callback?code=…&state=…``; the state
   must equal the cookie (a sign-in started elsewhere is refused: CSRF),
   and the code is exchanged for a token at GitHub with the secret.
3. Our page tells the CMS ``authorizing:github`` and, once the CMS answers
   from an allowed origin, posts ``authorization:github:success:{"token":…,
   "provider":"github"}`` to that origin alone (never "*").

A WSGI app (``application``; any WSGI server can run it) and
``python -m lararkiv.cms_auth`` (the standard library's server, behind an
HTTPS reverse proxy). Configuration from the environment, see ``Config``;
nothing secret is logged. Administrators' guide: docs/cms-inloggning.md.
"""

from __future__ import annotations

import hmac
import html
import json
import logging
import os
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http import HTTPStatus
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

logger = logging.getLogger("lararkiv.cms_auth")

PROVIDER = "github"
# What Decap asks for: 'repo' (private or public repository), or
# 'public_repo' with open authoring. Anything else is refused.
SCOPES = ("repo", "public_repo")
STATE_COOKIE = "lararkiv_cms_state"
# Long enough to sign in with two-factor authentication, short enough that
# an abandoned window's state is soon worthless.
STATE_SECONDS = 600
TOKEN_TIMEOUT = 15


class ConfigError(ValueError):
    """A missing or malformed environment variable (said in Swedish)."""


@dataclass(frozen=True)
class Config:
    client_id: str
    client_secret: str
    # The CMS's origins (scheme://host[:port]) that may receive a token.
    origins: tuple[str, ...]
    # GitHub itself; tests point it at a fake.
    github_url: str = "https://github.com"

    @property
    def authorize_url(self):
        return self.github_url + "/login/oauth/authorize"

    @property
    def token_url(self):
        return self.github_url + "/login/oauth/access_token"

    def __repr__(self):
        # Never the secret, not even in a traceback.
        return f"Config(client_id={self.client_id!r}, origins={self.origins!r}, github_url={self.github_url!r})"


def origin_of(value):
    """``value`` as an origin, or ConfigError: a token goes to exact origins only."""
    parts = urllib.parse.urlsplit(value.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.path.strip("/") \
            or parts.query or parts.fragment or parts.username:
        raise ConfigError(f"'{value}' är ingen ursprungsadress: skriv t.ex. https://lararkiv.helsingborg.se")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def secret_from(environ):
    """The client secret, from CMS_AUTH_CLIENT_SECRET or the file
    CMS_AUTH_CLIENT_SECRET_FILE names (systemd credentials, container secrets)."""
    path = environ.get("CMS_AUTH_CLIENT_SECRET_FILE")
    if path:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    return environ.get("CMS_AUTH_CLIENT_SECRET", "").strip()


def config_from(environ):
    client_id = environ.get("CMS_AUTH_CLIENT_ID", "").strip()
    client_secret = secret_from(environ)
    raw_origins = environ.get("CMS_AUTH_ORIGINS", "").replace(",", " ").split()
    missing = [name for name, value in (("CMS_AUTH_CLIENT_ID", client_id),
                                         ("CMS_AUTH_CLIENT_SECRET", client_secret),
                                         ("CMS_AUTH_ORIGINS", raw_origins)) if not value]
    if missing:
        raise ConfigError("saknas i miljön: " + ", ".join(missing))
    try:
        origins = tuple(origin_of(value) for value in raw_origins)
    except ConfigError as error:
        raise ConfigError(f"CMS_AUTH_ORIGINS: {error}") from None
    github_url = environ.get("CMS_AUTH_GITHUB_URL", "https://github.com").rstrip("/")
    return Config(client_id, client_secret, origins, github_url)


# --- the two steps -------------------------------------------------------


def start(config, query):
    """``/auth``: to GitHub with a fresh state (also kept in a cookie)."""
    provider = query.get("provider", PROVIDER)
    scope = query.get("scope", "repo")
    if provider != PROVIDER or scope not in SCOPES:
        return error_page(config, HTTPStatus.BAD_REQUEST,
                          "Inloggningen stöder bara GitHub med behörigheten repo eller public_repo.")
    state = secrets.token_urlsafe(32)
    location = config.authorize_url + "?" + urllib.parse.urlencode(
        {"client_id": config.client_id, "scope": scope, "state": state})
    cookie = (f"{STATE_COOKIE}={state}; Max-Age={STATE_SECONDS}; Path=/; Secure; HttpOnly; "
              "SameSite=Lax")
    return HTTPStatus.FOUND, [("Location", location), ("Set-Cookie", cookie),
                              ("Cache-Control", "no-store")], b""


def finish(config, query, cookies):
    """``/callback``: check the state, exchange the code, answer the CMS."""
    expected = cookies.get(STATE_COOKIE, "")
    state = query.get("state", "")
    if not expected or not state or not hmac.compare_digest(expected, state):
        return error_page(config, HTTPStatus.FORBIDDEN,
                          "Inloggningen kunde inte bekräftas (den startades inte i det här fönstret "
                          "eller tog för lång tid). Stäng fönstret och logga in igen.")
    if "error" in query or not query.get("code"):
        return error_page(config, HTTPStatus.FORBIDDEN,
                          "GitHub godkände inte inloggningen. Stäng fönstret och försök igen.")
    token = exchange(config, query["code"])
    if not token:
        return error_page(config, HTTPStatus.BAD_GATEWAY,
                          "GitHub gav ingen nyckel för inloggningen. Stäng fönstret och försök igen; "
                          "fortsätter det, kontakta webbplatsens administratör.")
    return handshake_page(config, HTTPStatus.OK, "success", {"token": token, "provider": PROVIDER},
                          "Inloggad. Fönstret stängs av sig självt.")


def exchange(config, code):
    """The access token for ``code``, or None (the reason is logged, never a secret)."""
    body = urllib.parse.urlencode({"client_id": config.client_id, "client_secret": config.client_secret,
                                   "code": code}).encode("ascii")
    request = urllib.request.Request(config.token_url, data=body, method="POST",
                                     headers={"Accept": "application/json",
                                              "User-Agent": "lararkiv-cms-auth"})
    try:
        with urllib.request.urlopen(request, timeout=TOKEN_TIMEOUT) as response:
            answer = json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as error:
        logger.warning("GitHub's token endpoint failed: %s", type(error).__name__)
        return None
    token = answer.get("access_token") if isinstance(answer, dict) else None
    if not isinstance(token, str) or not token:
        # GitHub's error code (e.g. bad_verification_code) is not secret.
        logger.warning("GitHub gave no token: %s", answer.get("error") if isinstance(answer, dict) else "?")
        return None
    return token


# --- the page that talks to the CMS --------------------------------------

# Tells every allowed origin "authorizing:github" (postMessage drops it
# unless the opener is at that origin), then answers the CMS's echo, from
# the opener and an allowed origin only, with the result for that origin.
SCRIPT = """(function () {
  var origins = %(origins)s, provider = %(provider)s, message = %(message)s;
  var opener = window.opener;
  if (!opener) { return; }
  window.addEventListener("message", function (event) {
    if (event.source !== opener || origins.indexOf(event.origin) < 0
        || event.data !== "authorizing:" + provider) { return; }
    opener.postMessage(message, event.origin);
  });
  origins.forEach(function (origin) { opener.postMessage("authorizing:" + provider, origin); });
})();"""

PAGE = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Inloggning – redigeringsverktyget</title>
</head>
<body>
<main><h1>Inloggning</h1><p>%(text)s</p></main>
<script nonce="%(nonce)s">%(script)s</script>
</body>
</html>
"""


def script_json(value):
    """JSON that cannot end the <script> element or break a JS string."""
    text = json.dumps(value, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def handshake_page(config, status, outcome, data, text):
    message = f"authorization:{PROVIDER}:{outcome}:" + json.dumps(data, separators=(",", ":"))
    script = SCRIPT % {"origins": script_json(list(config.origins)), "provider": script_json(PROVIDER),
                       "message": script_json(message)}
    nonce = secrets.token_urlsafe(18)
    body = PAGE % {"text": html.escape(text), "nonce": nonce, "script": script}
    headers = [
        ("Content-Type", "text/html; charset=utf-8"),
        # Only our own inline script, nothing loaded, never framed.
        ("Content-Security-Policy", (f"default-src 'none'; script-src 'nonce-{nonce}'; "
                                     "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")),
        # The token is in this page: not cached, not sent on as a referrer.
        ("Cache-Control", "no-store"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        # The state is spent either way.
        ("Set-Cookie", f"{STATE_COOKIE}=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax"),
    ]
    return status, headers, body.encode("utf-8")


def error_page(config, status, text):
    """The reason in the window, and to the CMS (which shows it) the same way."""
    return handshake_page(config, status, "error", {"message": text, "provider": PROVIDER}, text)


# --- WSGI -----------------------------------------------------------------


def cookies_of(environ):
    cookies = {}
    for part in environ.get("HTTP_COOKIE", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            cookies[name] = value
    return cookies


def make_app(config):
    def application(environ, start_response):
        query = dict(urllib.parse.parse_qsl(environ.get("QUERY_STRING", "")))
        path = environ.get("PATH_INFO", "/").rstrip("/")
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            status, headers, body = HTTPStatus.METHOD_NOT_ALLOWED, [("Allow", "GET")], b""
        elif path.endswith("/callback"):
            status, headers, body = finish(config, query, cookies_of(environ))
        elif path.endswith("/auth"):
            # Decap opens {base_url}/{auth_endpoint}: "auth", or ".../auth" behind a prefix.
            status, headers, body = start(config, query)
        else:
            status, headers, body = HTTPStatus.NOT_FOUND, [("Content-Type", "text/plain; charset=utf-8")], \
                b"Finns inte.\n"
        start_response(f"{status.value} {status.phrase}", [*headers, ("Content-Length", str(len(body)))])
        return [body]

    return application


def application(environ, start_response):
    """For a WSGI server (``lararkiv.cms_auth:application``): configured from
    its environment at the first request (so importing needs no secret)."""
    if not _APP:
        _APP.append(make_app(config_from(os.environ)))
    return _APP[0](environ, start_response)


_APP = []


class QuietHandler(WSGIRequestHandler):
    """Logs method, path and status only: a query holds the code and state."""

    def log_request(self, code="-", size="-"):
        path = self.path.split("?", 1)[0]
        logger.info("%s %s %s", self.command, path, code)


class ThreadingServer(ThreadingMixIn, WSGIServer):
    # One slow answer from GitHub does not hold up another editor.
    daemon_threads = True


def serve(config, host, port):
    return make_server(host, port, make_app(config), server_class=ThreadingServer, handler_class=QuietHandler)


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        config = config_from(os.environ)
    except (ConfigError, OSError) as error:
        print(f"cms_auth: {error}", file=sys.stderr)
        return 2
    host = os.environ.get("CMS_AUTH_HOST", "127.0.0.1")
    port = int(os.environ.get("CMS_AUTH_PORT", "8787"))
    server = serve(config, host, port)
    logger.info("Inloggningstjänsten lyssnar på http://%s:%s/ för %s", host, port, " ".join(config.origins))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
