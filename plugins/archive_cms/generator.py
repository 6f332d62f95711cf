"""Writes /admin/: the page, config.yml, our scripts and Decap's bundle.

A Generator (STYLE.md: it writes files). It runs after every page is read,
so ``follows`` can offer every published page. Without Decap installed
(`npm ci --prefix cms`) the build warns once, in Swedish, and leaves
/admin/ out: the site itself does not need the CMS.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from archive_model.build import build_of
from archive_model.files import plan_output, write_output
from pelican.generators import Generator

from .config import cms_config, config_yaml
from .settings import cms_settings

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
# Decap's main script, its lazily loaded chunks and WebAssembly, its licence.
DECAP_FILES = ("decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt")
# The site's stylesheets the preview pane uses (the plain copies Pelican
# writes beside the hashed ones), in base.html's order.
PREVIEW_STYLES = ("tokens", "base", "components")
INSTALL_COMMAND = "npm ci --prefix cms"


def content_security_policy(config):
    """/admin/'s own policy: the site's, plus only what Decap 3.16 cannot work
    without (docs/arkitektur.md, "The CMS", says how each was found):
    'unsafe-eval' for scripts (its configuration schema is compiled with
    new Function; without it Decap does not start), 'unsafe-inline' for
    styles (its components inject <style> at run time), data: and blob:
    images and connections (an upload is a blob: URL until it is saved,
    read back with fetch when the page is saved), and GitHub's API for the
    github backend. Its preview pane is an about:blank frame, which
    needs no frame-src."""
    connect = " ".join(("'self'", "blob:", *config["CMS_CONNECT_ORIGINS"]))
    return (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob:; font-src 'self'; connect-src {connect}; media-src 'self'; "
        "frame-src 'none'; worker-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def admin_page(config, sitename):
    template = (STATIC / "index.html").read_text(encoding="utf-8")
    return template.replace("{policy}", content_security_policy(config)).replace("{sitename}", sitename)


def bundle_files(node_modules):
    """``{relative output path: source}`` of what the browser loads from npm."""
    dist = Path(node_modules) / "decap-cms" / "dist"
    files = {}
    for pattern in DECAP_FILES:
        for source in sorted(dist.glob(pattern)):
            files[source.name] = source
    yaml_dist = Path(node_modules) / "yaml" / "browser" / "dist"
    for source in sorted(yaml_dist.rglob("*.js")):
        files["yaml/" + source.relative_to(yaml_dist).as_posix()] = source
    return files


def missing_bundle(node_modules):
    return not (Path(node_modules) / "decap-cms" / "dist" / "decap-cms.js").is_file() or not (
        Path(node_modules) / "yaml" / "browser" / "dist" / "index.js"
    ).is_file()


class CmsGenerator(Generator):
    def generate_context(self):
        self.config = cms_settings(self.settings)

    def generate_output(self, writer):
        config = self.config
        if not config["CMS_ENABLED"]:
            return
        if missing_bundle(config["CMS_NODE_MODULES"]):
            logger.warning(
                "/%s/ (redigeringsverktyget) byggs inte: Decap CMS är inte installerat — kör '%s' "
                "(eller 'invoke serve', som installerar det)",
                config["CMS_OUTPUT"], INSTALL_COMMAND,
            )
            return
        registry = build_of(self.settings).registry
        # Published pages only: a hidden page's address is for those who have
        # it, and /admin/config.yml is public.
        pages = self.context.get("articles", [])
        files = {
            "index.html": admin_page(config, self.settings.get("SITENAME", "")).encode("utf-8"),
            "config.yml": config_yaml(cms_config(registry, pages, config, self.settings.get("SITENAME") or "Webbplatsen")).encode("utf-8"),
            "lararkiv.json": self.site_json(registry).encode("utf-8"),
        }
        for source in sorted(STATIC.iterdir()):
            if source.suffix in (".js", ".mjs", ".css"):
                files[source.name] = source.read_bytes()
        for relative, source in bundle_files(config["CMS_NODE_MODULES"]).items():
            files[relative] = source.read_bytes()
        root = Path(self.output_path) / config["CMS_OUTPUT"]
        for relative, data in files.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            write_output(self.settings, str(target), data)

    def site_json(self, registry):
        """What our scripts need from the site: the preview's stylesheets and
        the administrations' pages its badges link to, as the page's do."""
        static_dir = self.settings.get("THEME_STATIC_DIR", "theme").strip("/")
        styles = [f"../{static_dir}/css/{name}.css" for name in PREVIEW_STYLES]
        urls = {slug: f"../{admin.url}" for slug, admin in registry.administrations.items()
                if getattr(admin, "url", None)}
        return json.dumps({"preview_styles": styles, "administration_urls": urls},
                          ensure_ascii=False, indent=1) + "\n"


def cms_generator(_pelican):
    return CmsGenerator


def check_settings(pelican):
    cms_settings(pelican.settings)


def plan_cms_folder(_build, settings=None, **_kwargs):
    """No page may claim /admin/ (archive_model's write plan)."""
    config = cms_settings(settings)
    if config["CMS_ENABLED"]:
        plan_output(settings, config["CMS_OUTPUT"] + "/", "redigeringsverktyget")
