// Node: the English strings of the pinned Decap that stay English in our
// Swedish (Decap's 'sv' merged with plugins/archive_cms/static/sv.mjs):
// missing from 'sv', or the same text as in English. One per line.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [, , nodeModules, svModule] = process.argv;
const locales = path.resolve(nodeModules, "decap-cms-locales", "dist", "esm");
const url = (...parts) => pathToFileURL(path.join(locales, ...parts)).href;
const en = (await import(url("en", "index.js"))).default;
const sv = (await import(url("sv", "index.js"))).default;
const { SV_GAPS, merged } = await import(pathToFileURL(svModule).href);
const ours = merged(sv, SV_GAPS);

function walk(english, swedish, prefix) {
  for (const [key, value] of Object.entries(english)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object") walk(value, swedish?.[key], name);
    else if (swedish?.[key] === undefined || swedish[key] === value) console.log(`${name} = ${JSON.stringify(value)}`);
  }
}
walk(en, ours, "");
