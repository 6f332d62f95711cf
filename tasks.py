"""Editor and CI tasks (`invoke --list`). Pelican runs in-process; every task
builds what `pelican content -s pelicanconf.py -o DIR` builds. The machinery
(in-process runs, preview server, atomic publish, archetypes) is the lararkiv
package; the tasks only compose it."""

import datetime as dt
import logging
import os
import shlex
import shutil
import subprocess
import sys

from archive_model.errors import DEBUG_ENV, fault
from archive_model.reader import display_path
from archive_model.registry import load_registry
from archive_model.settings import registry_path, site_zone
from invoke import Exit, task

from lararkiv import archetypes, atomic, caches, cms, preview, runner
from lararkiv.report import collected_contents, print_lix_report

PROJECT = os.path.dirname(os.path.abspath(__file__))

CONFIG = {
    "content": "content",
    "settings": "pelicanconf.py",
    "publish_settings": "publishconf.py",
    # Preview and development builds (drafts included).
    "output": "output",
    # The published site: built next to it (public.ny), swapped in when good;
    # the one before stays as public.forra for `invoke rollback`.
    "publish_output": "public",
    # Pelican's content cache for `invoke publish` (restored by CI).
    "cache": "cache",
    # What the content cache depends on besides each file's own bytes.
    "cache_inputs": ["data/registry.yaml", "plugins", "pelicanconf.py", "publishconf.py"],
    "archetypes": "data/arketyper",
    # Changes here rebuild the preview; Python files restart it.
    "watch": ["content", "theme", "plugins", "lararkiv", "data", "pelicanconf.py"],
    "host": "localhost",
    "port": 8000,
    "chromium": "/usr/bin/chromium",
    # `invoke redigera`: decap-server's port (the preview forwards /api/v1 to it).
    "decap_server_port": 8081,
    "screenshots": "docs/bilder",
}

def project_path(path):
    return path if os.path.isabs(path) else os.path.join(PROJECT, path)


def site_settings(settings_file, content, output, **overrides):
    return runner.load_settings(
        project_path(settings_file), project_path(content), project_path(output), overrides
    )


def ensure_cms():
    """Decap at the pinned version for /admin/ (npm ci --prefix cms) if missing."""
    try:
        cms.ensure_installed(PROJECT)
    except cms.CmsSetupError as error:
        raise Exit(f"fel: {error}", code=1) from None


def fail_on_content_errors(call):
    """Run ``call``; content errors end the task with exit status 1, one per
    line, and a bug of ours with one Swedish line (its traceback with
    LARARKIV_DEBUG=1): an editor never sees a Python traceback."""
    try:
        return call()
    except runner.ContentErrors as stop:
        raise Exit(str(stop.code), code=1) from None
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            raise
        raise Exit(f"fel: {fault('bygget', error)}", code=1) from None


@task(
    help={
        "type": "sidans typ: "
        + ", ".join(load_registry(os.path.join(PROJECT, "data", "registry.yaml")).types),
        "title": "sidans rubrik; filnamnet och adressen görs av den",
        "date": "publiceringsdatum ÅÅÅÅ-MM-DD [TT:MM] (standard: i dag)",
        "administrations": "förvaltningar, kommaseparerade: sof,amf",
        "topics": "ämnen ur registret, kommaseparerade",
        "content": "innehållsmappen",
    }
)
def new(  # noqa: PLR0913, PLR0917 — invoke maps each option to an argument
    c, type, title, date="", administrations="", topics="", content=CONFIG["content"]
):
    """Create a new page (as a draft) from its type's archetype; never overwrites."""
    settings = site_settings(CONFIG["settings"], content, CONFIG["output"])
    try:
        path = archetypes.new_page(
            registry=load_registry(registry_path(settings)),
            settings=settings,
            archetypes=project_path(CONFIG["archetypes"]),
            type_name=type,
            title=title,
            # The editor's today, in the site's time zone.
            today=dt.datetime.now(site_zone(settings)),
            date=date,
            administrations=administrations,
            topics=topics,
        )
    except archetypes.NewPageError as error:
        raise Exit(f"Ingen sida skapades: {error}", code=1) from None
    address = settings["DRAFT_URL"].format(slug=os.path.splitext(os.path.basename(path))[0])
    print(
        f"Skapade {display_path(path)} (utkast: publiceras inte förrän 'status: draft' tas bort)\n"
        f"I invoke serve: http://{CONFIG['host']}:{CONFIG['port']}/{address}"
    )


@task(help={"output": "målmapp", "content": "innehållsmappen"})
def build(c, output=CONFIG["output"], content=CONFIG["content"]):
    """Build the site for preview (drafts included) into output/."""
    ensure_cms()
    runner.init_logging()
    settings = site_settings(
        CONFIG["settings"], content, output, SPEED_OUTPUT_LIST=output_list_path(output)
    )
    fail_on_content_errors(lambda: runner.build(runner.new_pelican(settings)))


@task(help={"content": "innehållsmappen", "strict": "varningar räknas också som fel"})
def check(c, content=CONFIG["content"], strict=False):
    """Validate all content and every plugin's checks without writing anything."""
    runner.init_logging()
    counter = runner.WarningCounter()
    logging.getLogger().addHandler(counter)
    # Pelican never writes in a check; the folder only satisfies its settings.
    with runner.scratch_folder() as scratch:
        settings = site_settings(CONFIG["settings"], content, scratch)
        with collected_contents() as contents:
            errors = fail_on_content_errors(lambda: runner.check(runner.new_pelican(settings)))
        # Readability is advice, shown once the content is valid; its
        # warnings never fail the check.
        if not errors:
            print_lix_report(contents, settings)
    for error in errors:
        print(error)
    summary = f"{len(errors)} fel, {counter.count} varningar"
    if errors or (strict and counter.count):
        raise Exit(f"invoke check: {summary}", code=1)
    print(f"invoke check: inga fel ({summary})")


@task(
    help={
        "port": "port på localhost",
        "content": "innehållsmappen",
        "output": "förhandsvisningens mapp",
    }
)
def serve(c, port=CONFIG["port"], content=CONFIG["content"], output=CONFIG["output"]):
    """Build, serve on http://localhost:8000, rebuild and reload on every change."""
    ensure_cms()
    serve_preview(port, content, output)


def serve_preview(port, content, output, **server):
    runner.init_logging()
    # Pelican's content cache keeps every page's parsed Markdown and front
    # matter between rebuilds: after a save only the saved files are read
    # again (issue #10). Saving changes a file's modification time.
    settings = site_settings(
        CONFIG["settings"],
        content,
        output,
        CACHE_CONTENT=True,
        LOAD_CONTENT_CACHE=True,
        CONTENT_CACHING_LAYER="reader",
        CHECK_MODIFIED_METHOD="mtime",
        # One cache per content folder: previews of two folders never share it.
        CACHE_PATH=content_cache_path("preview", project_path(content)),
        SPEED_OUTPUT_LIST=output_list_path(output),
    )
    watched = sorted({project_path(p) for p in CONFIG["watch"]} | {settings["PATH"]})
    preview.serve(
        runner.new_pelican(settings), project_path(output), watched, CONFIG["host"], int(port), **server
    )


@task(
    help={
        "port": "förhandsvisningens port på localhost",
        "git": "spara varje ändring som en commit i arbetskopian (annars bara filerna)",
    }
)
def redigera(c, port=CONFIG["port"], git=False):
    """Edit in the browser: /admin/ on the working copy, beside the live preview."""
    ensure_cms()
    decap_port = CONFIG["decap_server_port"]
    server = None
    if not cms.port_in_use(decap_port):  # still running after a restart of the preview
        try:
            server = cms.start_decap_server(PROJECT, PROJECT, decap_port, mode="git" if git else "fs")
        except cms.CmsSetupError as error:
            raise Exit(f"fel: {error}", code=1) from None
    print(
        f"Redigera:        http://{CONFIG['host']}:{port}/admin/  (välj ”Logga in”: inget konto behövs här)\n"
        f"Webbplatsen:     http://{CONFIG['host']}:{port}/  (visar det du sparar inom en sekund)\n"
        + ("Varje sparning blir en commit i arbetskopian.\n" if git else
           "Det du sparar hamnar som filer i content/; granska och committa dem som vanligt (git status).\n"),
        flush=True,
    )
    try:
        serve_preview(port, CONFIG["content"], CONFIG["output"],
                      api_upstream=cms.upstream_url(decap_port), plain_prefixes=("/admin/",))
    finally:
        if server is not None:
            server.terminate()


def content_cache_path(kind="publish", *keys):
    return caches.content_cache_path(
        project_path(CONFIG["cache"]), PROJECT, CONFIG["cache_inputs"], kind, *keys
    )


def output_list_path(output):
    return caches.output_list_path(project_path(CONFIG["cache"]), project_path(output))


@task(help={"output": "den publicerade mappen", "content": "innehållsmappen"})
def publish(c, output=CONFIG["publish_output"], content=CONFIG["content"]):
    """Build with publishconf.py into a new folder, verify it, then swap it in."""
    ensure_cms()
    runner.init_logging()
    published = project_path(output)
    new_site = atomic.fresh_new_folder(published)
    settings = site_settings(
        CONFIG["publish_settings"],
        content,
        new_site,
        CACHE_CONTENT=True,
        LOAD_CONTENT_CACHE=True,
        CONTENT_CACHING_LAYER="reader",
        CHECK_MODIFIED_METHOD="md5",
        CACHE_PATH=content_cache_path(),
    )
    try:
        fail_on_content_errors(lambda: runner.build(runner.new_pelican(settings)))
    except (Exit, Exception) as failed:
        shutil.rmtree(new_site, ignore_errors=True)
        if not isinstance(failed, Exit):
            raise  # a bug's traceback, asked for with LARARKIV_DEBUG
        raise Exit(f"{failed.message}\nInget publicerades; {output}/ är orört.", code=1) from None
    problems = atomic.verify_output(new_site, settings)
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise Exit(
            f"{len(problems)} fel i det nya bygget:\n{lines}\n"
            f"Inget publicerades; {output}/ är orört. "
            f"Bygget finns kvar i {display_path(new_site)} för felsökning.",
            code=1,
        )
    atomic.swap_in(published, new_site)
    print(
        f"Publicerat: {display_path(published)}/ "
        f"(förra versionen: {display_path(atomic.previous_folder(published))}/)"
    )


@task(help={"output": "den publicerade mappen"})
def rollback(c, output=CONFIG["publish_output"]):
    """Swap the published site with the previous one (run again to undo)."""
    try:
        atomic.rollback(project_path(output))
    except atomic.PublishError as error:
        raise Exit(str(error), code=1) from None
    print(
        f"{output}/ visar nu den förra versionen; "
        f"{output}{atomic.PREVIOUS_SUFFIX}/ den som just togs bort."
    )


@task
def clean(c):
    """Remove the preview output and Pelican's cache."""
    for folder in (CONFIG["output"], CONFIG["cache"]):
        shutil.rmtree(project_path(folder), ignore_errors=True)


def ensure_chromium():
    """The browser tests drive Debian's chromium; install it if we may."""
    if shutil.which("chromium") or os.path.exists(CONFIG["chromium"]):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True)
        return
    sys.exit("Webbläsartesterna behöver Chromium: kör 'sudo apt-get install chromium'.")


@task(help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=""):
    """Run all tests (installs Debian's chromium for the browser tests if missing)."""
    ensure_chromium()
    ensure_cms()
    args = [sys.executable, "-m", "pytest", "-q"]
    if k:
        args += ["-k", k]
    c.run(shlex.join(args), pty=False)


@task(help={"fix": "rätta det ruff kan rätta själv"})
def lint(c, fix=False):
    """Lint with ruff (the rules and their exceptions are in pyproject.toml)."""
    command = [sys.executable, "-m", "ruff", "check", PROJECT]
    c.run(shlex.join([*command, "--fix"] if fix else command), pty=False)


@task
def screenshots(c):
    """Take the editor guide's screenshots of the preview and the CMS (docs/bilder/)."""
    ensure_chromium()
    ensure_cms()
    for script in ("ta_bilder.py", "ta_cms_bilder.py"):
        c.run(shlex.join([sys.executable, os.path.join(PROJECT, "docs", "bilder", script)]), pty=False)
