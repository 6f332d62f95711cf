// Node: every file given is read and written back through our Decap format
// (plugins/archive_cms/static/format.mjs) with the YAML library /admin/ uses.
// Prints one JSON line per file: {file, unchanged, changed_one} where
// changed_one is the file after setting the key argv[2] to argv[3].
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [, , nodeModules, formatModule, ...files] = process.argv;
const require = createRequire(path.join(nodeModules, "x.js"));
const YAML = require("yaml");
const { makeFormat } = await import(formatModule);
const orders = JSON.parse(process.env.ORDERS || "{}");
const format = makeFormat(YAML, orders);
const edits = JSON.parse(process.env.EDITS || "{}");

for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  const data = format.fromFile(text);
  const out = { file, unchanged: format.toFile(data) };
  if (Object.keys(edits).length) out.edited = format.toFile({ ...data, ...edits });
  console.log(JSON.stringify(out));
}
