// Runs search.js's query() over an index folder for each query given as JSON; prints ranked docs as JSON.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const search = require(resolve(process.argv[2]));
const dir = process.argv[3];
const queries = JSON.parse(process.argv[4]);
const fetched = [];
const load = async (p) => { fetched.push(p); return JSON.parse(readFileSync(join(dir, p), 'utf8')); };
const out = [];
for (const q of queries) {
  fetched.length = 0;
  const res = await search.query(load, q);
  const top = res.ranked.slice(0, 10);
  const titles = [];
  for (const [d] of top) titles.push((await res.rec(d))[1]);
  out.push({ q, total: res.total, top, titles, fetched: [...new Set(fetched)], reading: res.reading, places: res.places, suggest: res.suggest });
}
process.stdout.write(JSON.stringify(out));
