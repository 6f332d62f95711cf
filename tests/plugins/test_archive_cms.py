"""archive_cms: /admin/ in the built site, its config.yml generated from the
registry and the content model, and the rest of the site unchanged by it."""

from __future__ import annotations

import pytest
import yaml
from archive_cms.config import cms_config
from archive_cms.settings import cms_settings
from archive_model.event_fields import EVENT_KEYS
from archive_model.model import ARTICLE_FIELDS
from archive_model.registry import load_registry
from archive_model.settings import SettingsError
from sitebuild import CMS_FOLDER, ROOT, pelican_build, snapshot

# Fields of the content model the form leaves out (kept as written when a
# page is saved): docs/arkitektur.md, "The CMS".
# slug: the CMS names the file from the title; old_url: written by
# `invoke importera`, one address or a list.
NOT_IN_FORM = {"slug", "old_url"}
EVENT_NOT_IN_FORM = {"sessions"}


def generated(registry_file, pages=()):
    return cms_config(load_registry(str(registry_file)), list(pages), cms_settings({}))


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def field(fields, name):
    return next(f for f in fields if f["name"] == name)


def test_a_type_an_administration_and_a_topic_in_the_registry_reach_the_form(tmp_path):
    registry = yaml.safe_load((ROOT / "data" / "registry.yaml").read_text(encoding="utf-8"))
    registry["types"]["seminarium"] = {"label": "Seminarium", "plural": "Seminarier", "folder": "seminarier"}
    registry["administrations"]["kf"] = {"name": "Kulturförvaltningen", "abbreviation": "KF",
                                         "description": "Kultur."}
    registry["topics"].append({"name": "kulturarv"})
    copy = tmp_path / "registry.yaml"
    copy.write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")

    before, after = generated(ROOT / "data" / "registry.yaml"), generated(copy)
    new = collection(after, "seminarium")
    assert new["folder"] == "content/seminarier" and new["label"] == "Seminarier"
    assert field(new["fields"], "type") == {"name": "type", "label": "Typ", "widget": "hidden", "default": "seminarium"}
    for c in after["collections"][:-1]:  # every type's form, the static pages' aside
        assert {"label": "Kulturförvaltningen (KF)", "value": "kf"} in field(c["fields"], "administrations")["options"]
        assert "kulturarv" in field(c["fields"], "topics")["options"]
    assert len(after["collections"]) == len(before["collections"]) + 1


def test_every_type_has_a_collection_in_its_folder_with_the_type_fixed():
    registry = load_registry(str(ROOT / "data" / "registry.yaml"))
    config = generated(ROOT / "data" / "registry.yaml")
    for content_type in registry.types.values():
        c = collection(config, content_type.slug)
        assert c["folder"] == f"content/{content_type.folder}"
        assert field(c["fields"], "type")["default"] == content_type.slug
        assert c["format"] == "lararkiv-md" and c["slug"] == "{{slug}}"
    assert config["slug"]["encoding"] == "ascii" and config["slug"]["clean_accents"]


def test_every_field_of_the_content_model_is_in_the_form_with_a_swedish_label():
    config = generated(ROOT / "data" / "registry.yaml")
    fields = collection(config, "projekt")["fields"]
    names = {f["name"] for f in fields}
    assert set(ARTICLE_FIELDS) - names == NOT_IN_FORM
    event = {f["name"] for f in field(fields, "event")["fields"]}
    assert set(EVENT_KEYS) - event == EVENT_NOT_IN_FORM

    def labels(items):
        for item in items:
            yield item
            yield from labels(item.get("fields", []))

    for item in labels(fields):
        assert item["label"] and item["label"] != item["name"], item["name"]


def test_attachments_and_images_go_to_their_folders():
    config = generated(ROOT / "data" / "registry.yaml")
    attachments = field(collection(config, "inbjudan")["fields"], "attachments")
    file_field = field(attachments["fields"], "file")
    assert file_field["media_folder"] == "/content/bilagor" and file_field["public_folder"] == "bilagor"
    assert config["media_folder"] == "content/bilder"


def test_follows_offers_every_published_page_of_every_type(site):
    config = yaml.safe_load(site.text(f"{CMS_FOLDER}/config.yml"))
    choices = {o["value"] for o in field(collection(config, "nyhet")["fields"], "follows")["options"]}
    built = {p.parent.name for p in (site.root / "arkiv").glob("*/*/*/index.html")}
    assert choices == built


def test_admin_is_built_and_kept_out_of_sitemap_and_search(site):
    page = site.soup(f"{CMS_FOLDER}/")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert "'unsafe-inline'" not in page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"].split(
        "script-src")[1].split(";")[0]
    assert [s["src"] for s in page.find_all("script")] == ["cms-manual-init.js", "decap-cms.js", "admin.mjs"]
    assert (site.root / CMS_FOLDER / "decap-cms.js.LICENSE.txt").is_file()
    assert f"/{CMS_FOLDER}/" not in site.text("sitemap.xml")
    assert b"data-pagefind-body" not in (site.root / CMS_FOLDER / "index.html").read_bytes()


def test_the_site_is_the_same_bytes_with_the_cms_off_apart_from_admin(site, tmp_path):
    result = pelican_build(tmp_path / "out", extra=("-e", "CMS_ENABLED=false"))
    assert result.returncode == 0, result.stderr
    with_cms = {k: v for k, v in snapshot(site.root).items() if not k.startswith(f"{CMS_FOLDER}/")}
    without = snapshot(tmp_path / "out")
    assert with_cms.keys() == without.keys()
    assert [k for k in with_cms if with_cms[k] != without[k]] == []


def test_without_decap_installed_the_build_warns_and_leaves_admin_out(small_site, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # the warning on one line
    missing = tmp_path / "no_node_modules"
    result = small_site.build("-e", f'CMS_NODE_MODULES="{missing}"')
    assert result.returncode == 0, result.stderr
    assert "Decap CMS är inte installerat — kör 'npm ci --prefix cms'" in result.stdout + result.stderr
    assert not (small_site.output / CMS_FOLDER).exists()




def test_the_sign_in_proxy_reaches_the_backend_as_an_origin_and_a_path():
    registry = load_registry(str(ROOT / "data" / "registry.yaml"))
    settings = cms_settings({"CMS_AUTH_BASE_URL": "https://inloggning.example.org/", "CMS_AUTH_ENDPOINT": "/x/auth"})
    backend = cms_config(registry, [], settings)["backend"]
    assert (backend["base_url"], backend["auth_endpoint"]) == ("https://inloggning.example.org", "x/auth")
    assert "base_url" not in cms_config(registry, [], cms_settings({}))["backend"]
    with pytest.raises(SettingsError, match=r"CMS_AUTH_BASE_URL.*utan sökväg"):
        cms_settings({"CMS_AUTH_BASE_URL": "https://inloggning.example.org/auth"})
