"""Content-hashed names for the theme's CSS and JavaScript.

Templates write ``{{ asset_url("css/base.css") }}`` (a path below the theme's
``static/`` folder) and get ``{SITEURL}/theme/css/base.3f2a9c01d4.css``; the
:class:`HashedAssetsGenerator` writes that file next to Pelican's plain copy.
A changed file gets a new name, so hosts can cache assets "forever" and an
edit still reaches every reader at once. Relative ``url()`` references inside
CSS keep working: the hashed copy sits in the same folder as the original.
"""

from __future__ import annotations

import hashlib
import os
import shutil

from archive_model.files import record_output, write_output
from jinja2 import pass_context
from pelican.generators import Generator

from .settings import publish_settings


class MissingAssetError(LookupError):
    """A template asked for a theme file that does not exist."""


def theme_static_files(settings):
    """``{relative path: source file}`` for every file Pelican copies from
    the theme's static paths, relative to THEME_STATIC_DIR in the output."""
    files = {}
    for static in settings["THEME_STATIC_PATHS"]:
        root = os.path.join(settings["THEME"], static)
        for folder, _dirs, names in os.walk(root):
            for name in names:
                source = os.path.join(folder, name)
                files[os.path.relpath(source, root).replace(os.sep, "/")] = source
    return files


def hashed_name(relative, source, length):
    with open(source, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()[:length]
    stem, extension = os.path.splitext(relative)
    return f"{stem}.{digest}{extension}"


def asset_manifest(settings):
    """``{relative path: output path below THEME_STATIC_DIR}``; hashed for the
    configured extensions, unchanged for other files (images, fonts)."""
    extensions = tuple(publish_settings(settings)["PUBLISH_HASHED_EXTENSIONS"])
    length = publish_settings(settings)["PUBLISH_HASH_LENGTH"]
    manifest = {}
    for relative, source in theme_static_files(settings).items():
        hashed = relative.endswith(extensions)
        manifest[relative] = hashed_name(relative, source, length) if hashed else relative
    return manifest


def make_asset_url(settings):
    """The ``asset_url`` template function over the theme as it is now."""
    manifest = asset_manifest(settings)
    static_dir = settings["THEME_STATIC_DIR"].strip("/")

    @pass_context
    def asset_url(context, relative):
        relative = relative.lstrip("/")
        if relative not in manifest:
            raise MissingAssetError(
                f"asset_url('{relative}'): filen finns inte i theme/static/ "
                f"(finns: {', '.join(sorted(manifest)) or 'inga filer'})"
            )
        # SITEURL of the page being rendered: relative ("../..") in the
        # preview, absolute in publishconf.
        siteurl = context.get("SITEURL", "")
        return f"{siteurl}/{static_dir}/{manifest[relative]}"

    return asset_url


class HashedAssetsGenerator(Generator):
    """Writes the hashed copies; Pelican's StaticGenerator keeps writing the
    plain ones (old bookmarks and url() references in CSS keep working)."""

    def generate_context(self):
        self.manifest = asset_manifest(self.settings)

    def generate_output(self, writer):
        static_dir = self.settings["THEME_STATIC_DIR"]
        sources = theme_static_files(self.settings)
        for relative, target in self.manifest.items():
            # Pelican's StaticGenerator copies the plain file; both are this build's.
            record_output(self.settings, os.path.join(self.output_path, static_dir, relative))
            if target == relative:
                continue
            destination = os.path.join(self.output_path, static_dir, target)
            record_output(self.settings, destination)
            if os.path.exists(destination):
                # Same name, same bytes: the hash says so.
                continue
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            shutil.copyfile(sources[relative], destination)
        self._favicon_at_root(sources)

    def _favicon_at_root(self, sources):
        options = publish_settings(self.settings)
        source, save_as = sources.get(options["PUBLISH_FAVICON"]), options["PUBLISH_FAVICON_SAVE_AS"]
        if source and save_as:
            with open(source, "rb") as handle:
                write_output(self.settings, os.path.join(self.output_path, save_as), handle.read())
