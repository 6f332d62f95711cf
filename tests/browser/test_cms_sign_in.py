"""Signing in to /admin/ through our OAuth proxy (lararkiv/cms_auth.py) in
headless Chromium: Decap's own "Logga in med GitHub" opens the proxy's
window, a fake GitHub sends it back with a code, and Decap receives the
token (it calls GitHub's API with it) without a policy violation. From an
origin the proxy does not allow, the same sign-in gives Decap nothing."""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lararkiv import cms_auth, preview

pytestmark = pytest.mark.browser

TOKEN = "gho_fakeTokenForTheBrowserTest"


def fake_github(proxy_url):
    """GitHub's authorize page (approves at once) and token endpoint."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
            self.send_response(302)
            self.send_header("Location", f"{proxy_url}/callback?code=kod&state={query['state']}")
            self.end_headers()

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            data = json.dumps({"access_token": TOKEN, "token_type": "bearer"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


def background(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def signing_in(site, browser):
    """A function: sign in from the CMS at ``host`` → (GitHub API calls' tokens, console)."""
    assert (site.root / "admin" / "index.html").is_file(), "/admin/ was not built: npm ci --prefix cms"
    site_server = preview.start_server(site.root, preview.PreviewState(), "127.0.0.1", 0,
                                       plain_prefixes=("/admin/",))
    site_port = site_server.server_address[1]
    # The proxy's port is known before GitHub's: the fake needs it.
    proxy_server = cms_auth.serve(cms_auth.Config("id", "secret", ("placeholder",)), "127.0.0.1", 0)
    proxy_url = f"http://localhost:{proxy_server.server_address[1]}"
    github = background(fake_github(proxy_url))
    config = cms_auth.config_from({
        "CMS_AUTH_CLIENT_ID": "id", "CMS_AUTH_CLIENT_SECRET": "secret",
        # Only the site at localhost may receive a token.
        "CMS_AUTH_ORIGINS": f"http://localhost:{site_port}",
        "CMS_AUTH_GITHUB_URL": f"http://127.0.0.1:{github.server_address[1]}"})
    proxy_server.set_app(cms_auth.make_app(config))
    background(proxy_server)
    config_yml = (site.root / "admin" / "config.yml").read_text(encoding="utf-8")
    # As publishconf.py's CMS_AUTH_BASE_URL would generate it.
    config_yml = config_yml.replace("backend:\n", f"backend:\n  base_url: {proxy_url}\n  auth_endpoint: auth\n", 1)
    ours = (f"http://localhost:{site_port}/", f"http://127.0.0.1:{site_port}/", proxy_url + "/",
            f"http://127.0.0.1:{github.server_address[1]}/")

    def sign_in(host):
        context = browser.new_context()
        api_tokens, console = [], []

        def route(request_route):
            url = request_route.request.url
            if url.endswith("/admin/config.yml"):
                return request_route.fulfill(body=config_yml, content_type="text/yaml")
            if url.startswith("https://api.github.com/"):
                api_tokens.append(request_route.request.headers.get("authorization", ""))
                return request_route.fulfill(status=401, json={"message": "Bad credentials"})
            return request_route.continue_() if url.startswith(ours) else request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        page.goto(f"http://{host}:{site_port}/admin/")
        with context.expect_page() as opened:
            page.get_by_role("button", name=re.compile("GitHub")).click()
        popup = opened.value
        popup.on("console", lambda m: console.append(f"popup {m.type}: {m.text}"))
        popup.wait_for_url(re.compile(r"/callback\?"))
        if host == "localhost":
            page.wait_for_timeout(100)
            for _ in range(100):
                if api_tokens:
                    break
                page.wait_for_timeout(100)
        else:
            popup.wait_for_load_state()
            # The page's messages are sent at once: give them time to (not) arrive.
            page.wait_for_timeout(1500)
        context.close()
        return api_tokens, console

    yield sign_in
    for server in (site_server, proxy_server, github):
        server.shutdown()
        server.server_close()


def test_decap_signs_in_through_our_proxy_without_a_policy_violation(signing_in):
    api_tokens, console = signing_in("localhost")
    assert api_tokens and all(header == f"token {TOKEN}" for header in api_tokens), (api_tokens, console)
    assert not [m for m in console if "Content Security Policy" in m], console


def test_a_cms_at_an_origin_the_proxy_does_not_allow_gets_no_token(signing_in):
    api_tokens, _console = signing_in("127.0.0.1")
    assert api_tokens == []
