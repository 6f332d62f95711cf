"""lararkiv/cms_auth.py, the OAuth proxy that signs editors in to /admin/:
driven over HTTP against a fake GitHub (a local server answering the token
exchange), from Decap's first request to the page that answers the CMS."""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from lararkiv import cms_auth

CLIENT_ID = "Iv1.testclient"
SECRET = "hemlig-klientnyckel-123"
CODE = "kod-fran-github"
TOKEN = "gho_testtoken</script>"
CMS_ORIGIN = "https://lararkiv.example.org"


class FakeGitHub(BaseHTTPRequestHandler):
    """GitHub's token endpoint: a token for the right app and code only."""

    exchanges: ClassVar[list] = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        self.exchanges.append(form)
        right = form == {"client_id": CLIENT_ID, "client_secret": SECRET, "code": CODE}
        answer = {"access_token": TOKEN, "token_type": "bearer", "scope": "repo"} if right \
            else {"error": "bad_verification_code"}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def serving(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def proxy(caplog):
    """(GET function, fake GitHub's URL, exchanges seen by it)."""
    FakeGitHub.exchanges = []
    github = serving(ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub))
    github_url = f"http://127.0.0.1:{github.server_address[1]}"
    config = cms_auth.config_from({"CMS_AUTH_CLIENT_ID": CLIENT_ID, "CMS_AUTH_CLIENT_SECRET": SECRET,
                                   "CMS_AUTH_ORIGINS": CMS_ORIGIN + "/", "CMS_AUTH_GITHUB_URL": github_url})
    server = serving(cms_auth.serve(config, "127.0.0.1", 0))

    def get(path, cookie=None):
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        body = response.read().decode()
        connection.close()
        return response, body

    caplog.set_level("DEBUG", logger="lararkiv.cms_auth")
    yield get, github_url, FakeGitHub.exchanges
    server.shutdown()
    server.server_close()
    github.shutdown()
    github.server_close()


def begin(get, github_url):
    """Decap's first request: (state cookie, state in GitHub's URL, that URL)."""
    response, _ = get("/auth?provider=github&site_id=lararkiv.example.org&scope=repo")
    assert response.status == 302
    location = urllib.parse.urlsplit(response.getheader("Location"))
    assert f"{location.scheme}://{location.netloc}{location.path}" == github_url + "/login/oauth/authorize"
    query = dict(urllib.parse.parse_qsl(location.query))
    cookie = response.getheader("Set-Cookie")
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie
    return cookie.split(";")[0], query


def page_script(body):
    return re.search(r"<script nonce=\"([^\"]+)\">(.*?)</script>", body, re.S)


def test_a_sign_in_goes_to_github_and_back_with_a_page_that_answers_the_cms_alone(proxy, caplog):
    get, github_url, exchanges = proxy
    cookie, query = begin(get, github_url)
    assert query["client_id"] == CLIENT_ID and query["scope"] == "repo"
    assert len(query["state"]) >= 40 and cookie == f"{cms_auth.STATE_COOKIE}={query['state']}"
    response, body = get(f"/callback?code={CODE}&state={query['state']}", cookie)
    assert response.status == 200
    assert exchanges == [{"client_id": CLIENT_ID, "client_secret": SECRET, "code": CODE}]
    script = page_script(body)
    nonce, code = script.group(1), script.group(2)
    policy = response.getheader("Content-Security-Policy")
    assert f"script-src 'nonce-{nonce}'" in policy and "default-src 'none'" in policy
    assert response.getheader("Cache-Control") == "no-store"
    assert "Max-Age=0" in response.getheader("Set-Cookie")
    # The CMS's origin only, never "*"; the token cannot end the script early.
    assert json.dumps([CMS_ORIGIN]) in code and '"*"' not in code
    assert "</script>" not in code
    message = json.loads(re.search(r"message = (\"[^\n]*\");", code).group(1))
    prefix = "authorization:github:success:"
    assert message.startswith(prefix)
    assert json.loads(message[len(prefix):]) == {"token": TOKEN, "provider": "github"}
    assert "opener.postMessage(message, event.origin)" in code
    assert "origins.indexOf(event.origin) < 0" in code
    # Neither the secret, the code nor the token is logged.
    # The server logs a request after answering it: wait for the line.
    for _ in range(50):
        if "GET /callback 200" in caplog.text:
            break
        time.sleep(0.05)
    logged = caplog.text
    assert "GET /callback 200" in logged
    assert SECRET not in logged and CODE not in logged and "gho_" not in logged


def test_a_callback_with_another_state_is_refused_and_github_never_asked(proxy):
    get, github_url, exchanges = proxy
    cookie, _query = begin(get, github_url)
    for path, sent in ((f"/callback?code={CODE}&state=annan", cookie),
                       (f"/callback?code={CODE}&state={cookie.split('=', 1)[1]}", None)):
        response, body = get(path, sent)
        assert response.status == 403
        assert "kunde inte bekräftas" in body
        assert "authorization:github:error:" in body and "success" not in body
    assert exchanges == []


def test_a_code_github_refuses_gives_an_error_not_a_token(proxy):
    get, github_url, exchanges = proxy
    cookie, query = begin(get, github_url)
    response, body = get(f"/callback?code=fel-kod&state={query['state']}", cookie)
    assert response.status == 502
    assert len(exchanges) == 1
    assert "authorization:github:error:" in body and "access_token" not in body


def test_only_github_and_its_repository_scopes_are_started(proxy):
    get, _github_url, _exchanges = proxy
    for query in ("provider=gitlab&scope=repo", "provider=github&scope=admin:org"):
        response, _body = get(f"/auth?{query}")
        assert response.status == 400
        assert response.getheader("Location") is None


@pytest.mark.parametrize("origins", ["*", "lararkiv.example.org", "https://lararkiv.example.org/admin/", ""])
def test_a_disallowed_origin_setting_is_refused_in_swedish(origins):
    environ = {"CMS_AUTH_CLIENT_ID": CLIENT_ID, "CMS_AUTH_CLIENT_SECRET": SECRET, "CMS_AUTH_ORIGINS": origins}
    with pytest.raises(cms_auth.ConfigError, match="CMS_AUTH_ORIGINS"):
        cms_auth.config_from(environ)


def test_the_secret_can_come_from_a_file_and_never_shows_in_the_config(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text(SECRET + "\n")
    config = cms_auth.config_from({"CMS_AUTH_CLIENT_ID": CLIENT_ID, "CMS_AUTH_CLIENT_SECRET_FILE": str(secret_file),
                                   "CMS_AUTH_ORIGINS": f"{CMS_ORIGIN}, http://localhost:8000"})
    assert config.client_secret == SECRET
    assert config.origins == (CMS_ORIGIN, "http://localhost:8000")
    assert SECRET not in repr(config)


def test_an_editor_who_declines_on_github_gets_a_swedish_error_and_no_exchange(proxy):
    get, github_url, exchanges = proxy
    cookie, query = begin(get, github_url)
    response, body = get(f"/callback?error=access_denied&state={query['state']}", cookie)
    assert response.status == 403
    assert "GitHub godkände inte inloggningen" in body and "authorization:github:error:" in body
    assert exchanges == []
