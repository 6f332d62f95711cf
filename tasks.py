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

from lararkiv import archetypes, atomic, caches, cms, manifest, preview, runner
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
    # invoke importera: the rules that type the old site's posts, and its report.
    "import_mapping": "data/import-mapping.yaml",
    "import_report": "importrapport.md",
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


NEW_USAGE = (
    "invoke new behöver sidans typ och rubrik, till exempel:\n"
    '  invoke new --type nyhet --title "Rubriken på sidan"\n'
    "Alla val: invoke new --help"
)


def site_settings(settings_file, content, output, **overrides):
    return runner.load_settings(
        project_path(settings_file), project_path(content), project_path(output), overrides
    )


def ensure_cms(folder=cms.CMS):
    """Decap and decap-server at the pinned versions (npm ci --prefix cms) if
    missing; with ``folder=cms.LIGHTHOUSE`` Lighthouse for the tests."""
    try:
        cms.ensure_installed(PROJECT, folder)
    except cms.CmsSetupError as error:
        raise Exit(f"fel: {error}", code=1) from None


def ensure_cms_bundles(required=True):
    """What a build makes /admin/ from: Decap's browser bundle alone. A
    preview (``required=False``) goes on without it, as the build does, and
    says so; what is published must have its /admin/."""
    try:
        cms.ensure_bundles(PROJECT)
    except cms.CmsSetupError as error:
        if required:
            raise Exit(f"fel: {error}", code=1) from None
        print(f"varning: {error} — förhandsvisningen byggs utan /admin/", file=sys.stderr, flush=True)


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
        "type": "sidans typ, en av: "
        + ", ".join(load_registry(os.path.join(PROJECT, "data", "registry.yaml")).types),
        "title": "sidans rubrik; filnamnet och adressen görs av den",
        "date": "publiceringsdatum ÅÅÅÅ-MM-DD [TT:MM] (standard: i dag)",
        "administrations": "förvaltningar, kommaseparerade: sof,amf",
        "topics": "ämnen ur registret, kommaseparerade",
        "content": "innehållsmappen",
    }
)
def new(  # noqa: PLR0913, PLR0917 — invoke maps each option to an argument
    c, type="", title="", date="", administrations="", topics="", content=CONFIG["content"]
):
    """Skapa en ny sida (som utkast) ur typens arketyp; skriver aldrig över en fil."""
    # Optional for invoke, required here: invoke checks required arguments
    # before it reads --help, so `invoke new --help` failed while they were.
    if not (type and title):
        raise Exit(NEW_USAGE, code=1)
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


@task(
    help={
        "kalla": "WordPress-exporten (WXR, .xml) eller en textlista med inlägg",
        "torrkorning": "visa vad som skulle skrivas, skriv inget",
        "skriv_over": "skriv över sidor som ändrats sedan importen (annars lämnas de orörda)",
        "content": "innehållsmappen sidorna skrivs till",
        "regler": "importreglerna (typer, förvaltningar, serier)",
        "rubriker": "textlista: fil med den gamla sajtens rubriker, en per rad (säker delning)",
        "listdatum": "textlista utan datum: ungefärligt datum ÅÅÅÅ-MM-DD att räkna årtal från",
        "rapport": "fil för importrapporten",
    }
)
def importera(  # noqa: PLR0913, PLR0917 — invoke maps each option to an argument
    c, kalla, torrkorning=False, skriv_over=False, content=CONFIG["content"],
    regler=CONFIG["import_mapping"], rubriker="", listdatum="", rapport=CONFIG["import_report"],
):
    """Importera ett gammalt WordPress-arkiv (WXR eller textlista) som sidor; osäkra blir utkast."""
    # invoke takes a required positional before it reads --help, so
    # `invoke importera --help` arrives here as the source: show the help.
    if kalla in ("-h", "--help"):
        c.run(shlex.join([sys.executable, "-m", "invoke", "-r", PROJECT, "--help", "importera"]), pty=False)
        return
    # The [import] extra's libraries (dateparser, ftfy, markdownify, wordfreq)
    # load for this task only: every other task works without them.
    from lararkiv.importer import import_archive  # noqa: PLC0415
    from lararkiv.importer.sources import SourceError  # noqa: PLC0415

    # An empty archive's folder may not exist yet (Pelican's settings need it).
    os.makedirs(project_path(content), exist_ok=True)
    settings = site_settings(CONFIG["settings"], content, CONFIG["output"])
    try:
        titles = None
        if rubriker:
            with open(rubriker, encoding="utf-8") as handle:
                titles = handle.read().splitlines()
        result = import_archive(
            kalla, content=project_path(content), registry=load_registry(registry_path(settings)),
            settings=settings, mapping_path=project_path(regler), titles=titles,
            listing_date=dt.date.fromisoformat(listdatum) if listdatum else None,
            overwrite=skriv_over, dry_run=torrkorning,
        )
    except (OSError, SourceError, ValueError, LookupError) as error:
        raise Exit(f"Ingenting importerades: {error}", code=1) from None
    except Exception as error:
        # A bug of ours: one Swedish line, its traceback with LARARKIV_DEBUG=1.
        if os.environ.get(DEBUG_ENV):
            raise
        raise Exit(f"fel: {fault(kalla, error)}", code=1) from None
    for path, outcome in result.outcomes.items():
        print(f"{'skulle skrivas' if torrkorning and outcome in ('ny', 'uppdaterad') else outcome}: "
              f"{display_path(path)}")
    if not torrkorning:
        with open(project_path(rapport), "w", encoding="utf-8") as handle:
            handle.write(result.report)
        print(f"Rapporten: {rapport}")
    else:
        print(result.report)


@task(help={"output": "målmapp", "content": "innehållsmappen"})
def build(c, output=CONFIG["output"], content=CONFIG["content"]):
    """Bygg webbplatsen för förhandsvisning (med utkast) i output/."""
    ensure_cms_bundles(required=False)
    runner.init_logging()
    settings = site_settings(
        CONFIG["settings"], content, output, SPEED_OUTPUT_LIST=output_list_path(output)
    )
    fail_on_content_errors(lambda: runner.build(runner.new_pelican(settings)))


@task(help={"content": "innehållsmappen", "strict": "varningar räknas också som fel"})
def check(c, content=CONFIG["content"], strict=False):
    """Kontrollera allt innehåll med alla byggets kontroller, utan att skriva något."""
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
    """Bygg, visa på http://localhost:8000, bygg om och ladda om vid varje ändring."""
    ensure_cms_bundles(required=False)
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
    """Redigera i webbläsaren: /admin/ på arbetskopian, bredvid den levande förhandsvisningen."""
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
    """Bygg med publishconf.py i en ny mapp, kontrollera den och byt in den."""
    ensure_cms_bundles()
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
    # Last: the manifest marks the folder whole (rollback checks it).
    manifest.write_manifest(new_site)
    atomic.swap_in(published, new_site)
    print(
        f"Publicerat: {display_path(published)}/ "
        f"(förra versionen: {display_path(atomic.previous_folder(published))}/)"
    )


@task(help={"output": "den publicerade mappen"})
def rollback(c, output=CONFIG["publish_output"]):
    """Byt den publicerade webbplatsen mot den förra (kör igen för att ångra)."""
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
    """Ta bort förhandsvisningens output/ och Pelicans cache/."""
    for folder in (CONFIG["output"], CONFIG["cache"]):
        shutil.rmtree(project_path(folder), ignore_errors=True)


def ensure_chromium():
    """The screenshots drive Debian's chromium; install it if we may."""
    if chromium_found() or install_chromium():
        return
    sys.exit("Skärmbilderna behöver Chromium: kör 'sudo apt-get install chromium'.")


def chromium_found():
    return bool(shutil.which("chromium") or os.path.exists(CONFIG["chromium"]))


def install_chromium():
    """Debian's chromium with apt, when we run as root (CI's containers)."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True)
    return True


def pytest_command(*paths, k=""):
    # -n auto: one pytest-xdist worker per core (the suite's builds and
    # browsers are separate processes; two cores take a third off CI).
    command = [sys.executable, "-m", "pytest", "-q", "-n", "auto", *paths]
    return shlex.join([*command, "-k", k] if k else command)


@task(help={"k": "bara tester vars namn passar uttrycket (pytest -k)"})
def test(c, k=""):
    """Kör alla tester; utan Chromium eller Java hoppas de tester som behöver dem över."""
    # CI=true (tests/browser_tools.py): CI must run every test, so there
    # a missing tool fails the tests that need it instead of skipping them.
    outcome = "misslyckas (CI=true)" if os.environ.get("CI", "").lower() in {"true", "1", "yes"} else "hoppas över"
    if not chromium_found() and not install_chromium():
        print(f"Chromium saknas: webbläsartesterna {outcome} (installera: sudo apt-get install chromium).")
    if not shutil.which("java"):
        print(
            f"Java saknas: HTML-valideringen {outcome} "
            "(installera: sudo apt-get install default-jre-headless)."
        )
    ensure_cms()
    ensure_cms(cms.LIGHTHOUSE)
    c.run(pytest_command(k=k), pty=False)


# The site gates: the tests that read the built site (tests/quality/: links,
# HTML validity, privacy, content security policy, accessibility in Chromium
# on one page of every template; tests/content/: pages, listings, calendars
# and feeds, the production build among them). The personal-data guard runs
# in every build. What a change to content/ alone must pass (.ci/run grindar).
GATES = ["tests/quality", "tests/content"]
# That the tests hold for any archive is the developers' suite's question;
# so is Lighthouse's score (the same template for every page, a minute and an
# npm install that a content change's 3-minute path cannot spend; the
# accessibility of the changed pages is checked with axe in the gates).
NOT_GATES = ["tests/content/test_any_archive.py", "tests/quality/test_lighthouse.py"]
CHANGED_CONTENT_ENV = "LARARKIV_CHANGED_CONTENT"  # read by tests/quality/template_pages.py


def git_lines(*args):
    result = subprocess.run(
        ["git", *args], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise Exit(f"git {' '.join(args)}: {result.stderr.strip()}", code=1)
    return [line for line in result.stdout.splitlines() if line.strip()]


def changed_content(base=""):
    """Content files added or changed since ``base`` (a git reference; the
    working tree counts too) or, without one, not yet committed."""
    folder = os.path.relpath(project_path(CONFIG["content"]), PROJECT)
    changed = git_lines("diff", "--name-only", "--diff-filter=AMR", base or "HEAD", "--", folder)
    changed += git_lines("ls-files", "--others", "--exclude-standard", "--", folder)
    return sorted(set(changed))


@task(
    help={
        "base": "git-referens att jämföra med, t.ex. origin/main (standard: det som inte är "
        "incheckat); sidor som ändrats sedan dess granskas också i Chromium",
        "k": "bara tester vars namn passar uttrycket (pytest -k)",
    }
)
def grindar(c, base="", k=""):
    """Webbplatsens grindar: länkar, giltig HTML, integritet och tillgänglighet (ändrade sidor och ett urval)."""
    ensure_cms_bundles()
    changed = changed_content(base)
    pages = [path for path in changed if path.endswith(".md")]
    print(f"Ändrade sidor som granskas i Chromium: {len(pages)}" + "".join(f"\n  {p}" for p in pages))
    ignored = [f"--ignore={path}" for path in NOT_GATES]
    c.run(
        pytest_command(*GATES, *ignored, k=k),
        env={CHANGED_CONTENT_ENV: "\n".join(changed)},
        pty=False,
    )


@task(help={"fix": "rätta det ruff kan rätta själv"})
def lint(c, fix=False):
    """Granska koden med ruff (reglerna och undantagen står i pyproject.toml)."""
    command = [sys.executable, "-m", "ruff", "check", PROJECT]
    c.run(shlex.join([*command, "--fix"] if fix else command), pty=False)


@task
def screenshots(c):
    """Ta redaktörsguidens skärmbilder av förhandsvisningen och CMS:et (docs/bilder/)."""
    ensure_chromium()
    ensure_cms()
    for script in ("ta_bilder.py", "ta_cms_bilder.py"):
        c.run(shlex.join([sys.executable, os.path.join(PROJECT, "docs", "bilder", script)]), pty=False)
