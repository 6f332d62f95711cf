// /admin/: registers our format, the Swedish strings Decap lacks and the
// preview's look, then starts Decap with the configuration the build
// generated (config.yml, plugins/archive_cms/config.py).
import * as YAML from "./yaml/index.js";
import { makeFormat } from "./format.mjs";
import { SV_GAPS, merged } from "./sv.mjs";
import { registerPreviews } from "./preview.mjs";

const CMS = window.CMS;

// The order of the form's fields, per object path ("" = the page, "event",
// "event.registration" …): how a new page's front matter is ordered.
export function fieldOrders(fields, path = "", out = {}) {
  out[path] = fields.filter((f) => f.name !== "body").map((f) => f.name);
  for (const field of fields) {
    const inner = field.fields ?? (field.field ? [] : null);
    if (inner && inner.length) fieldOrders(inner, path ? `${path}.${field.name}` : field.name, out);
  }
  return out;
}

// Decap's image component, in Swedish, without a title; the alt text is
// also required by the body's pattern (config.py), as the build requires it.
function imageComponent() {
  return {
    id: "bild",
    label: "Bild",
    fields: [
      { name: "image", label: "Bild", widget: "image", media_library: { allow_multiple: false },
        hint: "Bilden sparas i content/bilder/." },
      { name: "alt", label: "Alternativ text", widget: "string",
        hint: "Vad bilden visar, för den som inte ser den. Krävs." },
    ],
    pattern: /^!\[([^\]]*)\]\((\S*?)\)/,
    fromBlock: (match) => match && { alt: match[1], image: match[2] },
    toBlock: ({ alt, image }) => `![${alt || ""}](${image || ""})`,
    toPreview: ({ alt, image }, getAsset, fields) =>
      window.h("img", { src: getAsset(image, fields?.find((f) => f.get("widget") === "image")) || "", alt: alt || "" }),
  };
}

async function fetchText(url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

const config = YAML.parse(await fetchText("config.yml"));
const site = JSON.parse(await fetchText("lararkiv.json"));
const orders = fieldOrders(config.collections[0].fields);
// Decap wants an absolute URL; config.yml holds a path on this origin.
if (config.local_backend?.url) config.local_backend.url = new URL(config.local_backend.url, location.href).href;

CMS.registerLocale("sv", merged(CMS.getLocale("sv") ?? {}, SV_GAPS));
CMS.registerCustomFormat("lararkiv-md", "md", makeFormat(YAML, orders));
for (const href of site.preview_styles) CMS.registerPreviewStyle(href);
CMS.registerPreviewStyle("preview.css");
registerPreviews(CMS, config, site.administration_urls);
CMS.registerEditorComponent(imageComponent());
CMS.init({ config: { ...config, load_config_file: false } });
