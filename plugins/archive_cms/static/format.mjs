// Our front matter, read and written the way an editor writes it.
//
// Decap's own YAML format rewrites the whole front matter on every save:
// key order, quoting, flow lists and every `# comment` would change. This
// format keeps the file's text: fromFile remembers the front matter as it was
// (in a data key no field shows), and toFile writes back, byte for byte, every
// top-level field whose value the editor did not change, with the comments
// around it. Only a changed field is written anew (comments inside that
// field's own value go with it); a new field goes after the field before it
// in the form's order. A new page is written in the form's order, in the
// style of `invoke new`: flow lists for vocabularies, one line per field.
//
// Pure: the YAML library is passed in (the browser's copy in /admin/yaml/,
// Node's in tests/cms/), so the same code is tested in Node.

export const SOURCE_KEY = "__lararkiv_kalla";

const FRONT_MATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?)(^---[ \t]*(?:\r?\n|$))/m;
const TOP_KEY = /^([A-Za-z_][\w-]*)[ \t]*:/;
const COLUMN0_COMMENT_OR_BLANK = /^(#.*)?\r?\n?$/;
// Words YAML 1.1 (our reader, PyYAML) reads as booleans or null.
const SPECIAL = /^(y|n|yes|no|true|false|on|off|null|~)$/i;
const WHEN = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$|^\d{1,2}:\d{2}$/;
const PLAIN = /^[\p{L}][^:#,[\]{}"&*!|>`\n\t]*$/u;

export function splitFile(text) {
  const match = FRONT_MATTER.exec(text);
  if (!match || match.index !== 0) return { open: "", yaml: "", close: "", body: text };
  return { open: match[1], yaml: match[2], close: match[3], body: text.slice(match[0].length) };
}

export function makeFormat(YAML, orders = {}) {
  const parse = (text) => YAML.parse(text, { version: "1.2", schema: "core" }) ?? {};

  function fromFile(content) {
    const parts = splitFile(content);
    const data = parts.yaml.trim() ? parse(parts.yaml) : {};
    const result = { ...data, body: parts.body };
    if (parts.open) result[SOURCE_KEY] = parts.open + parts.yaml + parts.close;
    return result;
  }

  function toFile(data) {
    const { body = "", [SOURCE_KEY]: source, ...fields } = data;
    if (source) {
      const parts = splitFile(source);
      return parts.open + patch(parts.yaml, parse(parts.yaml), fields, orders) + parts.close + body;
    }
    const text = ordered(clean(fields) ?? {}, orders[""] ?? [])
      .map(([key, value]) => dumpField(key, value, "", orders))
      .join("");
    return "---\n" + text + "---\n" + (body.endsWith("\n") || body === "" ? body : body + "\n");
  }

  return { fromFile, toFile };
}

// The front matter's text with only the changed fields written anew.
function patch(yamlText, before, after, orders) {
  const lines = yamlText.split(/(?<=\n)/);
  const regions = topLevelRegions(lines);
  const kept = [];
  const done = new Set();
  const known = new Set(regions.map((r) => r.key));
  const additions = Object.keys(after).filter((k) => !known.has(k) && clean(after[k]) !== undefined);
  const order = orders[""] ?? [];
  let cursor = 0;
  const insertAfter = (key) => {
    for (const added of additions) {
      if (done.has(added)) continue;
      if (precedingKnown(added, order, known) === key) {
        kept.push(dumpField(added, clean(after[added]), "", orders));
        done.add(added);
      }
    }
  };
  insertAfter(null);
  for (const region of regions) {
    kept.push(lines.slice(cursor, region.start).join(""));
    const { key } = region;
    const text = lines.slice(region.start, region.end).join("");
    if (same(before[key], after[key]) || (clean(before[key]) === undefined && clean(after[key]) === undefined)) {
      kept.push(text);
    } else if (clean(after[key]) !== undefined) {
      kept.push(dumpField(key, clean(after[key]), "", orders));
    }
    cursor = region.end;
    insertAfter(key);
  }
  kept.push(lines.slice(cursor).join(""));
  for (const added of additions) {
    if (!done.has(added)) kept.push(dumpField(added, clean(after[added]), "", orders));
  }
  return kept.join("");
}

// The existing field an added one goes after: the nearest before it in the form.
function precedingKnown(key, order, known) {
  const index = order.indexOf(key);
  for (let i = index - 1; i >= 0; i -= 1) if (known.has(order[i])) return order[i];
  return index < 0 ? lastOf(known) : null;
}

function lastOf(set) {
  let last = null;
  for (const item of set) last = item;
  return last;
}

// Each top-level key's lines: from its line to the next key, less the
// column-0 comments and blank lines right before that key (they describe it).
function topLevelRegions(lines) {
  const starts = [];
  lines.forEach((line, index) => {
    const match = TOP_KEY.exec(line);
    if (match) starts.push({ key: match[1], start: index });
  });
  return starts.map((entry, i) => {
    let end = i + 1 < starts.length ? starts[i + 1].start : lines.length;
    if (i + 1 < starts.length) {
      while (end - 1 > entry.start && COLUMN0_COMMENT_OR_BLANK.test(lines[end - 1])) end -= 1;
    }
    return { ...entry, end };
  });
}

function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  }
  return value;
}

function same(a, b) {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

// Without empty values ('', null, [], {}): what a form leaves empty is not
// written, as an editor would leave the line out. undefined when all empty.
export function clean(value) {
  if (value === null || value === undefined || value === "") return undefined;
  if (Array.isArray(value)) {
    const items = value.map(clean).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, clean(v)])
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

function ordered(object, order) {
  const rank = (key) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.entries(object).sort(([a], [b]) => rank(a) - rank(b));
}

export function scalar(value) {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = String(value);
  if (WHEN.test(text)) return text;
  if (PLAIN.test(text) && !SPECIAL.test(text) && text === text.trim()) return text;
  return JSON.stringify(text);
}

function flow(value, path, orders) {
  if (Array.isArray(value)) return "[" + value.map((v) => flow(v, path, orders)).join(", ") + "]";
  if (value && typeof value === "object") {
    const items = ordered(value, orders[path] ?? []).map(([k, v]) => `${k}: ${flow(v, `${path}.${k}`, orders)}`);
    return "{" + items.join(", ") + "}";
  }
  return scalar(value);
}

// One field as a block: scalars and lists of scalars on one line, a
// mapping at the top as an indented block of such lines, a list of
// mappings as one flow mapping per item (as the archive's files do).
function dumpField(key, value, indent, orders, path = key) {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) return `${indent}${key}: ${flow(value, path, orders)}\n`;
    return `${indent}${key}:\n` + value.map((v) => `${indent}  - ${flow(v, path, orders)}\n`).join("");
  }
  if (value && typeof value === "object") {
    if (indent) return `${indent}${key}: ${flow(value, path, orders)}\n`;
    return `${key}:\n` + ordered(value, orders[path] ?? [])
      .map(([k, v]) => dumpField(k, v, "  ", orders, `${path}.${k}`))
      .join("");
  }
  return `${indent}${key}: ${scalar(value)}\n`;
}
