// Prints search.js's tokens for each phrase of phrases.txt (both languages) as JSON, for tokenizer_js.rs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const search = require(resolve(process.argv[2]));
const phrases = readFileSync(process.argv[3], 'utf8')
  .split('\n')
  .filter((l, i, a) => !l.startsWith('#') && !(i === a.length - 1 && l === ''))
  .map((l) => l.replace(/\\n/g, '\n'));
const out = [];
for (const lang of ['vi', 'en']) {
  for (const text of phrases) {
    const tokens = search.tokenize(lang, text).map((t) => [t.kind, t.folded, t.exact, t.pos]);
    out.push({ lang, text, tokens });
  }
}
process.stdout.write(JSON.stringify(out));
