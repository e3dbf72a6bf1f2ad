// Feature tests for a built minh site in a real browser (Debian's Chromium driven by
// playwright-core): the service-provider finder (issue 4) and search (issue 5), checked
// against the site's own content (content/facilities/*.yaml, content/provinces.yaml).
//
// usage: node tests/browser/features.mjs --site DIR [--content DIR] [--timeout SECONDS]
// Prints one line per test (`ok   name` or `FAIL name: why`), then the failures, then
// `features: N passed, M failed` alone on a line. Exit 0 when all pass, 1 when a test
// fails, 2 when the harness itself cannot run (bad arguments, no browser).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const TEL = /^tel:(\+84\d{9,10}|1[0-9]{2}|1800\d{4,6}|1900\d{4,6})$/;
const WAIT_MS = 10000;
const LANGS = {
  vi: { finder: '/vi/co-so/', search: '/vi/tim-kiem/' },
  en: { finder: '/en/services/', search: '/en/search/' },
};

class HarnessError extends Error {}

function usage(message) {
  if (message) console.error(`features: ${message}`);
  console.error('usage: node features.mjs --site DIR [--content DIR] [--timeout SECONDS]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { site: null, content: path.join(REPO, 'content'), timeout: 170 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined) usage(`${arg} needs a value`);
      i += 1;
      return v;
    };
    if (arg === '--site') opts.site = path.resolve(value());
    else if (arg === '--content') opts.content = path.resolve(value());
    else if (arg === '--timeout') opts.timeout = Number.parseInt(value(), 10);
    else if (arg === '--help' || arg === '-h') usage();
    else usage(`unknown argument ${arg}`);
  }
  if (!opts.site) usage('--site is required');
  if (!isDir(opts.site)) usage(`no such folder: ${opts.site}`);
  if (!isDir(opts.content)) usage(`no such folder: ${opts.content}`);
  if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage('bad --timeout');
  return opts;
}

function isDir(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

// ---------- the content, read independently of the site generator ----------

/** The value of a top-level or indented `key: value` line, unquoted, or null. */
function field(text, key, indented) {
  const re = new RegExp(`^${indented ? '[ \\t]+' : ''}${key}:[ \\t]*("([^"]*)"|'([^']*)'|([^#\\n]*?))[ \\t]*(#.*)?$`, 'm');
  const m = text.match(re);
  if (!m) return null;
  return (m[2] ?? m[3] ?? m[4] ?? '').normalize('NFC');
}

/** Every published provider: { id, sample, kind, province, former, free }. */
function readFacilities(content) {
  const dir = path.join(content, 'facilities');
  const out = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    if (field(text, 'draft', false) === 'true') continue;
    out.push({
      id: field(text, 'id', false) || name.replace(/\.ya?ml$/, ''),
      sample: field(text, 'sample', false) === 'true' || field(text, 'basis', false) === 'sample',
      kind: field(text, 'kind', false),
      province: field(text, 'province', true),
      former: field(text, 'former_province', true),
      free: field(text, 'free', true) === 'true',
    });
  }
  return out;
}

/** Province name -> slug, from content/provinces.yaml. */
function readProvinceSlugs(content) {
  const text = fs.readFileSync(path.join(content, 'provinces.yaml'), 'utf8');
  const map = new Map();
  for (const m of text.matchAll(/name:\s*"([^"]+)",\s*slug:\s*([a-z0-9-]+)/g)) map.set(m[1].normalize('NFC'), m[2]);
  return map;
}

// ---------- results ----------

const results = [];

function pass(name, note, seconds) {
  results.push({ name, ok: true });
  console.log(`ok   ${name}${note ? ` (${note})` : ''} [${seconds} s]`);
}

function fail(name, why, seconds) {
  results.push({ name, ok: false, why });
  console.log(`FAIL ${name}: ${why} [${seconds} s]`);
}

class Check extends Error {}

function expect(cond, message) {
  if (!cond) throw new Check(message);
}

async function test(name, fn) {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  try {
    const note = await fn();
    pass(name, typeof note === 'string' ? note : '', seconds());
  } catch (err) {
    fail(name, err instanceof Check ? err.message : (err && err.stack) || String(err), seconds());
  }
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const show = (list) => JSON.stringify(list);
const nfcLower = (s) => (s ?? '').normalize('NFC').toLowerCase();

// ---------- browser ----------

const foreign = [];
const jsErrors = [];

async function newContext(browser, host, javaScriptEnabled) {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 360, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    serviceWorkers: 'block',
  });
  // Block (and record) every request that is not to our own server.
  await context.route(
    (url) => url.host !== host || url.protocol !== 'http:',
    async (route) => {
      foreign.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  return context;
}

async function open(env, context, urlPath) {
  const page = await context.newPage();
  page.on('pageerror', (err) => jsErrors.push(`${urlPath}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') jsErrors.push(`${urlPath}: console error: ${msg.text()}`);
  });
  const res = await page.goto(env.origin + urlPath, { waitUntil: 'load' });
  if (!res || res.status() !== 200) {
    await page.close();
    throw new Check(`${urlPath} answered ${res ? res.status() : 'nothing'}`);
  }
  return page;
}

async function withPage(env, context, urlPath, fn) {
  const page = await open(env, context, urlPath);
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

// ---------- finder ----------

/** What the finder shows now: every item, the visible ones, the count, the controls, the URL. */
function finderState(page) {
  return page.evaluate(() => {
    const form = document.getElementById('finder-filters');
    const count = document.getElementById('finder-count');
    const items = [...document.querySelectorAll('#finder-list li.facility')];
    const href = (li) => li.querySelector('a')?.getAttribute('href') ?? '';
    return {
      items: items.map((li) => ({
        href: href(li),
        province: li.dataset.province,
        kind: li.dataset.kind,
        free: li.dataset.free === '1',
        voluntary: li.dataset.voluntary === '1',
      })),
      visible: items.filter((li) => li.checkVisibility()).map(href),
      sections: [...document.querySelectorAll('#finder-list section.province')].filter((s) => s.checkVisibility()).map((s) => s.dataset.province),
      count: count?.textContent.trim() ?? null,
      msgCount: count?.dataset.msgCount ?? null,
      msgNone: count?.dataset.msgNone ?? null,
      formVisible: form ? form.checkVisibility() : false,
      controls: form
        ? { province: form.province.value, kind: form.kind.value, free: form.free.checked, voluntary: form.voluntary.checked }
        : null,
      search: location.search,
    };
  });
}

/** The hrefs that should be visible for the given filters, from the items' data attributes. */
function expectedFor(state, f) {
  return state.items
    .filter((it) => (!f.province || it.province === f.province) && (!f.kind || it.kind === f.kind))
    .filter((it) => (!f.free || it.free) && (!f.voluntary || it.voluntary))
    .map((it) => it.href);
}

/** Checks the visible list, count text, sections and controls against the filters. */
function checkFiltered(state, f, label) {
  const want = expectedFor(state, f);
  expect(sameSet(state.visible, want), `${label}: shows ${show(state.visible)}, expected ${show(want)}`);
  const text = want.length === 0 ? state.msgNone : state.msgCount.replace('{n}', String(want.length));
  expect(state.count === text, `${label}: count says ${show(state.count)}, expected ${show(text)}`);
  const provinces = [...new Set(state.items.filter((it) => want.includes(it.href)).map((it) => it.province))];
  expect(sameSet(state.sections, provinces), `${label}: visible province sections ${show(state.sections)}, expected ${show(provinces)}`);
  const controls = { province: f.province ?? '', kind: f.kind ?? '', free: !!f.free, voluntary: !!f.voluntary };
  expect(JSON.stringify(state.controls) === JSON.stringify(controls), `${label}: controls are ${show(state.controls)}, expected ${show(controls)}`);
  return want;
}

function finderQuery(f) {
  const q = new URLSearchParams();
  if (f.province) q.set('province', f.province);
  if (f.kind) q.set('kind', f.kind);
  if (f.free) q.set('free', '1');
  if (f.voluntary) q.set('voluntary', '1');
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Unfolds the filters (they fold away so that the first provider shows on the first screen). */
async function openFilters(page) {
  const open = await page.$eval('#finder-filters-box', (d) => d.open);
  if (!open) await page.click('#finder-filters-box > summary');
  await page.waitForFunction(() => document.getElementById('finder-filters').checkVisibility(), null, { timeout: WAIT_MS });
}

async function finderNoJs(env, lang) {
  const base = LANGS[lang].finder;
  return withPage(env, env.noJs, base, async (page) => {
    const st = await finderState(page);
    const want = env.facilities.map((f) => `${base}${f.id}/`);
    expect(st.items.length === env.facilities.length, `${st.items.length} li.facility, but content/facilities has ${env.facilities.length} published providers`);
    expect(st.visible.length === st.items.length, `only ${st.visible.length} of ${st.items.length} providers are visible`);
    const links = await page.$$eval('#finder-list a[href]', (as) => as.map((a) => a.getAttribute('href')));
    const missing = want.filter((h) => !links.includes(h));
    expect(missing.length === 0, `provider pages not linked: ${show(missing)}`);
    expect(!st.formVisible, 'the filter form is visible although it cannot work without JavaScript');
    return `${st.items.length} providers, all linked`;
  });
}

async function finderFilters(env, lang) {
  const base = LANGS[lang].finder;
  const daNang = env.slugs.get('Đà Nẵng');
  expect(daNang, 'content/provinces.yaml has no Đà Nẵng');
  return withPage(env, env.js, base, async (page) => {
    const folded = await page.$eval('#finder-filters-box', (d) => d.checkVisibility() && !d.open);
    expect(folded, 'with JavaScript on, the filters should show folded (a visible, closed <details>)');
    await openFilters(page);
    let st = await finderState(page);
    expect(st.formVisible, 'the filter form stays hidden with JavaScript on');
    const total = st.items.length;
    checkFiltered(st, {}, 'no filter');

    await page.selectOption('#f-province', daNang);
    st = await finderState(page);
    const byProvince = checkFiltered(st, { province: daNang }, `province ${daNang}`);
    const fromYaml = env.facilities.filter((f) => f.province === 'Đà Nẵng').map((f) => `${base}${f.id}/`);
    expect(sameSet(byProvince, fromYaml), `province ${daNang} shows ${show(byProvince)}, content says ${show(fromYaml)}`);
    expect(byProvince.length > 0 && byProvince.length < total, `province ${daNang} does not narrow (${byProvince.length} of ${total})`);
    expect(st.search === `?province=${daNang}`, `URL query is ${show(st.search)}`);

    const kind = 'compulsory_center';
    await page.selectOption('#f-kind', kind);
    st = await finderState(page);
    const both = checkFiltered(st, { province: daNang, kind }, `province ${daNang} + kind ${kind}`);
    const bothYaml = env.facilities.filter((f) => f.province === 'Đà Nẵng' && f.kind === kind).map((f) => `${base}${f.id}/`);
    expect(sameSet(both, bothYaml), `${daNang} + ${kind} shows ${show(both)}, content says ${show(bothYaml)}`);
    expect(both.length > 0 && both.length < byProvince.length, `the kind filter does not narrow further (${both.length} of ${byProvince.length})`);

    await page.click('#f-reset');
    await page.waitForFunction((n) => document.querySelectorAll('#finder-list li.facility:not([hidden])').length === n, total, { timeout: WAIT_MS });
    st = await finderState(page);
    checkFiltered(st, {}, 'after reset');
    expect(st.search === '', `after reset the URL still has ${show(st.search)}`);

    await page.check('#f-free');
    st = await finderState(page);
    const free = checkFiltered(st, { free: true }, 'free only');
    const freeYaml = env.facilities.filter((f) => f.free).map((f) => `${base}${f.id}/`);
    expect(sameSet(free, freeYaml), `free only shows ${show(free)}, content (fees.free: true) says ${show(freeYaml)}`);
    expect(free.length > 0 && free.length < total, `free only does not narrow (${free.length} of ${total})`);
    await page.uncheck('#f-free');

    await page.check('#f-voluntary');
    st = await finderState(page);
    const vol = checkFiltered(st, { voluntary: true }, 'voluntary only');
    expect(vol.length > 0 && vol.length < total, `voluntary only does not narrow (${vol.length} of ${total})`);
    const compulsoryShown = st.items.filter((it) => vol.includes(it.href) && it.kind === 'compulsory_center');
    expect(compulsoryShown.length === 0, `voluntary only shows compulsory centres: ${show(compulsoryShown.map((i) => i.href))}`);
    await page.uncheck('#f-voluntary');

    // Thanh Hóa has no compulsory centre in the content: nothing matches.
    const none = { province: env.slugs.get('Thanh Hóa'), kind };
    expect(env.facilities.every((f) => !(f.province === 'Thanh Hóa' && f.kind === kind)), 'the content now has a compulsory centre in Thanh Hóa: pick another empty combination');
    await page.selectOption('#f-province', none.province);
    await page.selectOption('#f-kind', kind);
    st = await finderState(page);
    checkFiltered(st, none, 'a combination that matches nothing');
    expect(st.count === st.msgNone && st.count.length > 0, `no "nothing matches" message: ${show(st.count)}`);
    const countVisible = await page.locator('#finder-count').isVisible();
    expect(countVisible, 'the "nothing matches" message is not visible');
    return `${total} → ${byProvince.length} → ${both.length} → ${total}; free ${free.length}, voluntary ${vol.length}, none 0`;
  });
}

async function finderUrl(env, lang) {
  const base = LANGS[lang].finder;
  const f = { province: env.slugs.get('Quảng Trị'), voluntary: true };
  return withPage(env, env.js, base, async (page) => {
    await openFilters(page);
    await page.selectOption('#f-province', f.province);
    await page.check('#f-voluntary');
    let st = await finderState(page);
    const before = checkFiltered(st, f, 'before reload');
    expect(st.search === finderQuery(f), `the URL keeps ${show(st.search)}, expected ${show(finderQuery(f))}`);
    await page.reload({ waitUntil: 'load' });
    st = await finderState(page);
    const after = checkFiltered(st, f, 'after reload');
    expect(JSON.stringify(before) === JSON.stringify(after), `after reload ${show(after)}, before ${show(before)}`);
    const daNang = env.slugs.get('Đà Nẵng');
    await page.goto(`${env.origin}${base}?province=${daNang}`, { waitUntil: 'load' });
    st = await finderState(page);
    const shared = checkFiltered(st, { province: daNang }, `shared ${base}?province=${daNang}`);
    expect(shared.length > 0 && shared.length < st.items.length, `the shared URL does not filter (${shared.length} of ${st.items.length})`);
    return `${show(finderQuery(f))} kept ${before.length}; shared link shows ${shared.length}`;
  });
}

async function finderFormer(env, lang) {
  const base = LANGS[lang].finder;
  return withPage(env, env.js, base, async (page) => {
    await openFilters(page);
    const options = await page.$$eval('#f-province option', (os) => os.map((o) => ({ value: o.value, text: o.textContent.normalize('NFC') })));
    const hit = options.filter((o) => o.text.includes('Quảng Nam'));
    expect(hit.length === 1, `options naming Quảng Nam: ${show(hit)} (of ${show(options.map((o) => o.text))})`);
    expect(hit[0].value === env.slugs.get('Đà Nẵng'), `the option naming Quảng Nam is ${show(hit[0])}, not Đà Nẵng`);
    await page.selectOption('#f-province', hit[0].value);
    const st = await finderState(page);
    const formerQN = env.facilities.filter((f) => f.former === 'Quảng Nam').map((f) => `${base}${f.id}/`);
    expect(formerQN.length > 0, 'no provider in the content has former_province Quảng Nam');
    const missing = formerQN.filter((h) => !st.visible.includes(h));
    expect(missing.length === 0, `choosing ${show(hit[0].text)} hides providers formerly in Quảng Nam: ${show(missing)}`);
    return `${show(hit[0].text)} shows ${show(formerQN)}`;
  });
}

async function providerPages(env) {
  const bad = [];
  let tels = 0;
  let hotlines = 0;
  const urls = Object.keys(LANGS).flatMap((lang) => env.facilities.map((f) => [f, `${LANGS[lang].finder}${f.id}/`]));
  const page = await env.js.newPage();
  page.on('pageerror', (err) => jsErrors.push(`${page.url()}: ${err.message}`));
  try {
    for (const [f, url] of urls) {
      const res = await page.goto(env.origin + url, { waitUntil: 'domcontentloaded' });
      if (!res || res.status() !== 200) {
        bad.push(`${url} answered ${res ? res.status() : 'nothing'}`);
        continue;
      }
      const info = await page.evaluate(() => ({
        main: [...document.querySelectorAll('main a[href^="tel:"]')].map((a) => a.getAttribute('href')),
        header: [...document.querySelectorAll('header a[href^="tel:"]')].map((a) => a.getAttribute('href')),
        notice: [...document.querySelectorAll('main .sample-notice')].some((n) => n.checkVisibility() && n.textContent.trim() !== ''),
        sampleNumbers: [...document.querySelectorAll('main .tel-sample')].map((s) => s.closest('a') !== null),
      }));
      tels += info.main.length;
      hotlines += info.header.length;
      for (const h of info.main.filter((h) => !TEL.test(h))) bad.push(`${url}: tel link ${h} is not a callable Vietnamese number`);
      if (info.header.length === 0) bad.push(`${url}: the header has no tel: hotline`);
      for (const h of info.header.filter((h) => !TEL.test(h))) bad.push(`${url}: header hotline ${h} is not a callable number`);
      if (f.sample && !info.notice) bad.push(`${url}: sample record without the visible sample notice`);
      if (!f.sample && info.notice) bad.push(`${url}: real record shows the sample notice`);
      if (info.sampleNumbers.some(Boolean)) bad.push(`${url}: a sample number is a link`);
    }
  } finally {
    await page.close();
  }
  expect(bad.length === 0, bad.join('; '));
  const pages = env.facilities.length * Object.keys(LANGS).length;
  return `${pages} pages; ${tels} tel links in main, ${hotlines} header hotline links, ${env.facilities.filter((f) => f.sample).length * 2} sample notices`;
}

// ---------- search ----------

/** The results shown now: href, title, kind label, snippet, marks. */
function searchResults(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#search-results ol > li')].map((li) => {
      const a = li.querySelector('a');
      return {
        href: a?.getAttribute('href') ?? '',
        title: a?.textContent ?? '',
        kind: li.querySelector('span')?.textContent ?? '',
        snippet: li.querySelector('p')?.textContent ?? '',
        marks: li.querySelectorAll('mark').length,
      };
    }),
  );
}

/** Waits until the status is announced and the result list stops changing. */
async function settledResults(page) {
  await page.waitForFunction(() => (document.getElementById('search-status')?.textContent ?? '').trim() !== '', null, { timeout: WAIT_MS });
  let last = null;
  for (let i = 0; i < 50; i += 1) {
    const now = JSON.stringify(await searchResults(page));
    if (now === last) break;
    last = now;
    await page.waitForTimeout(150);
  }
  return JSON.parse(last);
}

async function shared(env, lang, q) {
  return withPage(env, env.js, `${LANGS[lang].search}?q=${encodeURIComponent(q)}`, async (page) => {
    const list = await settledResults(page);
    const status = (await page.textContent('#search-status')).trim();
    return { list, status };
  });
}

const text = (r) => nfcLower(`${r.title} ${r.snippet}`);

async function searchCaiNghien(env) {
  const { list, status } = await shared(env, 'vi', 'cai nghien');
  expect(list.length > 0, `no result; status ${show(status)}`);
  expect(text(list[0]).includes('cai nghiện'), `first result does not contain "cai nghiện": ${show(list[0])}`);
  expect(list[0].marks > 0, 'the first result marks no matching word');
  return `${status}; first ${list[0].href}`;
}

async function searchDongThap(env) {
  const { list } = await shared(env, 'vi', 'dong thap');
  expect(list.length > 0, 'no result');
  expect(text(list[0]).includes('đồng tháp'), `first result does not mention Đồng Tháp: ${show(list[0])}`);
  return `first ${list[0].href}`;
}

async function searchHotlines(env) {
  const { list } = await shared(env, 'vi', 'duong day nong');
  const label = await withPage(env, env.js, LANGS.vi.search, (page) => page.getAttribute('#search-results', 'data-kind-hotline'));
  expect(list.length > 0, 'no result');
  const first = list[0];
  expect(first.kind === label || first.href === '/vi/duong-day-nong/', `first result is neither a hotline (${show(label)}) nor the hotlines page: ${show(first)}`);
  return `first ${first.href} (${first.kind})`;
}

// Exact diacritics: "cháy" (fire, in the 114 hotline on /vi/duong-day-nong/) and "chạy"
// (to run, on the privacy page: "Việc tìm kiếm chạy trên thiết bị của bạn") both fold to
// "chay", and no page has both. Each exact query must rank first a page holding its own
// word, the two first results must differ, and the folded query finds both pages.
// The word is looked for in the page's <main>, since a snippet is cut from the start of
// the body and may not hold it.
async function searchExact(env) {
  const fire = await shared(env, 'vi', 'cháy');
  const run = await shared(env, 'vi', 'chạy');
  const folded = await shared(env, 'vi', 'chay');
  expect(fire.list.length > 0 && run.list.length > 0, 'no result for "cháy" or "chạy"');
  for (const [word, res] of [['cháy', fire], ['chạy', run]]) {
    const main = await mainText(env, res.list[0].href);
    expect(main.includes(word), `"${word}" ranks first ${res.list[0].href}, whose main text has no "${word}"`);
  }
  expect(fire.list[0].href !== run.list[0].href, `"cháy" and "chạy" rank the same page first: ${fire.list[0].href}`);
  const hrefs = folded.list.map((r) => r.href);
  expect(hrefs.includes(fire.list[0].href) && hrefs.includes(run.list[0].href), `"chay" does not find both: ${show(hrefs)}`);
  return `cháy → ${fire.list[0].href}, chạy → ${run.list[0].href}`;
}

/** The NFC, lowercased text of a page's <main>, fetched over HTTP (tags stripped). */
async function mainText(env, href) {
  const html = await (await fetch(env.origin + href)).text();
  const main = html.slice(Math.max(html.indexOf('<main'), 0), html.lastIndexOf('</main>') + 1 || undefined);
  return nfcLower(main.replace(/<[^>]*>/g, ' '));
}

async function searchQuangNam(env) {
  const { list } = await shared(env, 'vi', 'quang nam');
  const merged = new Set(env.facilities.filter((f) => f.province === 'Đà Nẵng' && f.former === 'Quảng Nam').map((f) => `/vi/co-so/${f.id}/`));
  expect(merged.size > 0, 'no provider in the content lies in Đà Nẵng with former province Quảng Nam');
  const hit = list.find((r) => merged.has(r.href));
  expect(hit, `no result is a provider in Đà Nẵng formerly in Quảng Nam (${show([...merged])}); results ${show(list.map((r) => r.href))}`);
  const main = await mainText(env, hit.href);
  expect(main.includes('đà nẵng') && main.includes('quảng nam'), `${hit.href} does not name both Đà Nẵng and Quảng Nam`);
  return `${hit.href} at rank ${list.indexOf(hit) + 1}`;
}

async function searchEnglish(env) {
  const { list, status } = await shared(env, 'en', 'voluntary treatment');
  expect(list.length > 0, `no result; status ${show(status)}`);
  const other = list.filter((r) => !r.href.startsWith('/en/'));
  expect(other.length === 0, `results outside /en/: ${show(other.map((r) => r.href))}`);
  expect(text(list[0]).includes('voluntary'), `first result does not say "voluntary": ${show(list[0])}`);
  return `${list.length} shown, first ${list[0].href}`;
}

async function searchTypedVsShared(env) {
  const q = 'cai nghien';
  const typed = await withPage(env, env.js, LANGS.vi.search, async (page) => {
    await page.click('#search-q');
    await page.keyboard.type(q);
    await page.waitForFunction((want) => new URLSearchParams(location.search).get('q') === want, q, { timeout: WAIT_MS });
    return settledResults(page);
  });
  const link = await shared(env, 'vi', q);
  const a = typed.map((r) => r.href);
  const b = link.list.map((r) => r.href);
  expect(a.length > 0, 'typing shows no result');
  expect(JSON.stringify(a) === JSON.stringify(b), `typed ${show(a)}, shared link ${show(b)}`);
  return `${a.length} results in the same order; the URL keeps ?q=`;
}

// The search page carries the index's manifest (data-index): it fetches nothing of the index as
// it opens, and a query waits only for its own files: a two-word query typed fetches its answer
// file, a three-syllable one its shard parts then stores, and never the manifest.
async function searchManifestCarried(env) {
  return withPage(env, env.js, LANGS.vi.search, async (page) => {
    const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/search/')));
    const carried = await page.evaluate(() => JSON.parse(document.getElementById('search-results').dataset.index || 'null'));
    expect(carried && typeof carried.h === 'string', `the page carries no manifest: ${show(carried)}`);
    await page.waitForLoadState('networkidle');
    const before = await fetched();
    expect((await page.inputValue('#search-q')) === '', 'the search box is not empty before typing');
    expect(before.length === 0, `before typing the page fetched ${show(before)}`);
    await page.click('#search-q');
    await page.keyboard.type('cai nghien');
    const list = await settledResults(page);
    const after = await fetched();
    expect(list.length > 0, 'typing shows no result');
    expect(!after.some((p) => p.endsWith('/manifest.json')), `typing fetched the manifest: ${show(after)}`);
    expect(after.some((p) => p.includes(`/${carried.h}/a/`)), `typing fetched no answer file of the carried manifest: ${show(after)}`);
    await page.fill('#search-q', 'dieu tri methadone');
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/[wb]\/\d+\.json/.test(e.name)) && performance.getEntriesByType('resource').some((e) => /\/d\/\d+\.json/.test(e.name)), null, { timeout: WAIT_MS });
    const three = await settledResults(page);
    const all = await fetched();
    expect(three.length > 0, '"dieu tri methadone" shows no result');
    expect(!all.some((p) => p.endsWith('/manifest.json')), `a three-syllable query fetched the manifest: ${show(all)}`);
    return `nothing before typing; then ${show(after)}; "dieu tri methadone" ${all.length - after.length} files`;
  });
}

// A page holding an older manifest than the site's (a cached copy, or one opened before a
// rebuild) asks for content-hashed files that are gone (404): search.js then fetches the site's
// manifest.json and runs the query again, showing what the current page shows.
async function searchStaleManifest(env) {
  const notes = [];
  for (const q of ['cai nghien', 'dieu tri methadone']) {
    const want = (await shared(env, 'vi', q)).list;
    const page = await env.js.newPage();
    let replaced = false;
    const fetched = [];
    page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.startsWith('/search/')) fetched.push(p); });
    try {
      await page.route((url) => url.pathname === LANGS.vi.search, async (route) => {
        const res = await route.fetch();
        const body = (await res.text()).replace(/(data-index='[^']*?"h":")[^"]+/, (m, head) => { replaced = true; return `${head}0ld`; });
        await route.fulfill({ response: res, body });
      });
      const res = await page.goto(`${env.origin}${LANGS.vi.search}?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
      expect(res && res.status() === 200, `the search page answered ${res ? res.status() : 'nothing'}`);
      expect(replaced, 'the page carries no manifest hash to make old');
      const got = await settledResults(page);
      expect(fetched.some((p) => p.includes('/0ld/')), `the old manifest's files were not asked for: ${show(fetched)}`);
      expect(fetched.some((p) => p.endsWith('/manifest.json')), `no fallback to manifest.json: ${show(fetched)}`);
      expect(got.length > 0 && JSON.stringify(got) === JSON.stringify(want), `"${q}" with an old manifest shows ${show(got)}, the current page ${show(want)}`);
      notes.push(`"${q}": ${got.length} results after ${fetched.length} files`);
    } finally {
      await page.close();
    }
  }
  return notes.join('; ');
}

async function searchKeyboard(env) {
  return withPage(env, env.js, `${LANGS.vi.search}?q=${encodeURIComponent('cai nghien')}`, async (page) => {
    const list = await settledResults(page);
    expect(list.length >= 2, `only ${list.length} results`);
    const status = page.locator('#search-status');
    expect((await status.getAttribute('role')) === 'status' || (await status.getAttribute('aria-live')) !== null, '#search-status is not a live region');
    await page.focus('#search-q');
    const focused = () => page.evaluate(() => {
      const links = [...document.querySelectorAll('#search-results li > a')];
      return links.indexOf(document.activeElement);
    });
    await page.keyboard.press('ArrowDown');
    expect((await focused()) === 0, `ArrowDown from the input focuses link ${await focused()}, not the first result`);
    await page.keyboard.press('ArrowDown');
    expect((await focused()) === 1, 'a second ArrowDown does not move to the second result');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    const back = await page.evaluate(() => document.activeElement?.id ?? '');
    expect(back === 'search-q', `ArrowUp from the first result goes to ${show(back)}, not the input`);
    return `status ${show((await status.textContent()).trim())}`;
  });
}

// ---------- search: how residents write (issue 20) ----------

/** Runs fn(read) with one page; read(lang, q) opens the search page for `q` in it and returns the
 *  results, the reading line, place notes (text, link) and suggestions shown. */
async function withReader(env, fn) {
  return withPage(env, env.js, LANGS.vi.search, (page) => fn(async (lang, q) => {
    const url = `${LANGS[lang].search}?q=${encodeURIComponent(q)}`;
    const res = await page.goto(env.origin + url, { waitUntil: 'load' });
    if (!res || res.status() !== 200) throw new Check(`${url} answered ${res ? res.status() : 'nothing'}`);
    const list = await settledResults(page);
    const extra = await page.evaluate(() => ({
      reading: document.querySelector('#search-results .search-reading')?.textContent ?? '',
      places: [...document.querySelectorAll('#search-results .search-place')].map((p) => ({ text: p.textContent, href: p.querySelector('a')?.getAttribute('href') ?? '' })),
      suggest: [...document.querySelectorAll('#search-results .search-suggest a')].map((a) => ({ text: a.textContent, href: a.getAttribute('href') })),
    }));
    return { list, hrefs: list.map((r) => r.href), ...extra };
  }));
}

/** Provider pages of the content in province `name` (current unit), in `lang`. */
function providersIn(env, lang, name) {
  return env.facilities.filter((f) => f.province === name).map((f) => `${LANGS[lang].finder}${f.id}/`);
}

// Each spelling is read as the place, says so, and ranks first a provider of that place.
async function searchPlaceSpellings(env) {
  const cases = [
    ['vi', 'tp hcm', 'Hồ Chí Minh'], ['vi', 'TP.HCM', 'Hồ Chí Minh'], ['vi', 'tphcm', 'Hồ Chí Minh'],
    ['vi', 'sai gon', 'Hồ Chí Minh'], ['vi', 'thanh pho ho chi minh', 'Hồ Chí Minh'],
    ['vi', 'hn', 'Hà Nội'], ['vi', 'đn', 'Đà Nẵng'], ['vi', 'tinh dong thap', 'Đồng Tháp'],
    ['en', 'saigon', 'Hồ Chí Minh'], ['en', 'hanoi', 'Hà Nội'],
  ];
  const notes = [];
  await withReader(env, async (read) => { for (const [lang, q, place] of cases) {
    const r = await read(lang, q);
    const want = providersIn(env, lang, place);
    expect(want.length > 0, `no provider in ${place} in the content`);
    expect(r.reading.includes(place), `${lang} ${show(q)}: the reading line is ${show(r.reading)}, not naming ${place}`);
    // First: a provider there, or the finder's page of that province.
    const first = r.hrefs[0] ?? '';
    const placePage = first.startsWith(LANGS[lang].finder) && first.split('/').includes(env.slugs.get(place));
    expect(want.includes(first) || placePage, `${lang} ${show(q)}: first result ${show(first)} is neither a provider in ${place} (${show(want)}) nor its finder page`);
    const missing = want.filter((h) => !r.hrefs.includes(h));
    expect(missing.length === 0, `${lang} ${show(q)}: providers in ${place} missing: ${show(missing)}`);
    notes.push(`${q} → ${first}`);
  } });
  return notes.join('; ');
}

// A former province or district written any way says which unit it is now part of and links
// to the finder there; the finder opens on that unit and shows the providers formerly there.
async function searchFormerPlaces(env) {
  const cases = [['br-vt', 'Bà Rịa - Vũng Tàu', 'Hồ Chí Minh'], ['binh duong', 'Bình Dương', 'Hồ Chí Minh'], ['hiep duc', 'Hiệp Đức', 'Đà Nẵng'], ['quang nam', 'Quảng Nam', 'Đà Nẵng']];
  await withReader(env, async (read) => { for (const [q, former, now] of cases) {
    const r = await read('vi', q);
    const note = r.places.find((p) => p.text.includes(`${former} nay thuộc ${now}`));
    expect(note, `${show(q)}: no note that ${former} is now part of ${now}: ${show(r.places)}`);
    expect(note.href === `${LANGS.vi.finder}?province=${env.slugs.get(now)}`, `${show(q)}: the note links ${show(note.href)}`);
  } });
  return withPage(env, env.js, `${LANGS.vi.finder}?province=${env.slugs.get('Hồ Chí Minh')}`, async (page) => {
    const st = await finderState(page);
    const want = providersIn(env, 'vi', 'Hồ Chí Minh');
    expect(JSON.stringify([...st.visible].sort()) === JSON.stringify([...want].sort()), `the finder link shows ${show(st.visible)}, not ${show(want)}`);
    return `${cases.length} former places noted; the finder link shows ${want.length} providers`;
  });
}

// The finder's province filter takes a province by any of its spellings in the URL.
async function finderAliases(env) {
  const cases = [['vi', 'sai-gon', 'Hồ Chí Minh'], ['vi', 'TP HCM', 'Hồ Chí Minh'], ['vi', 'quang-nam', 'Đà Nẵng'], ['en', 'saigon', 'Hồ Chí Minh'], ['en', 'Hanoi', 'Hà Nội']];
  for (const [lang, given, name] of cases) {
    await withPage(env, env.js, `${LANGS[lang].finder}?province=${encodeURIComponent(given)}`, async (page) => {
      const st = await finderState(page);
      const value = await page.$eval('#f-province', (s) => s.value);
      expect(value === env.slugs.get(name), `${lang} ?province=${given}: the filter is ${show(value)}, not ${env.slugs.get(name)}`);
      const want = providersIn(env, lang, name);
      expect(JSON.stringify([...st.visible].sort()) === JSON.stringify([...want].sort()), `${lang} ?province=${given} shows ${show(st.visible)}, not ${show(want)}`);
    });
  }
  return `${cases.length} spellings`;
}

// Keystrokes left in are read as Vietnamese: same results as typed without them, reading shown.
async function searchKeystrokes(env) {
  const cases = [['dongf thaps', 'dong thap', 'Đồng Tháp'], ['nghieenj', 'nghien', 'nghiện'],
    ['cai nghieenj', 'cai nghien', 'cai nghiện'], ['ddaf nawngx', 'da nang', 'Đà Nẵng'], ['d9o^ng', 'dong', 'đông']];
  return withReader(env, async (read) => { for (const [q, plain, shown] of cases) {
    const r = await read('vi', q);
    const p = await read('vi', plain);
    expect(r.reading.includes(shown), `${show(q)}: reading line ${show(r.reading)} does not say ${show(shown)}`);
    expect(r.hrefs.length > 0 && JSON.stringify(r.hrefs) === JSON.stringify(p.hrefs), `${show(q)} shows ${show(r.hrefs)}, ${show(plain)} shows ${show(p.hrefs)}`);
    expect(r.list[0].marks > 0, `${show(q)}: the first result marks no word`);
  }
  const plain = await read('vi', 'cai nghien');
  expect(plain.reading === '', `"cai nghien" is rewritten: ${show(plain.reading)}`);
  return `${cases.length} queries read as typed correctly`; });
}

// One slip in a word of four letters or more still finds it; nothing found suggests words.
async function searchSlips(env) {
  const cases = [['methadoen', 'methadone'], ['methdone', 'methadone'], ['cai nghein', 'cai nghiện'], ['nghein', 'nghiện'], ['dong thpa', 'đồng tháp'], ['cai nghiwn', 'cai nghiện']];
  return withReader(env, async (read) => { for (const [q, word] of cases) {
    const r = await read('vi', q);
    expect(r.list.length > 0, `${show(q)}: no result`);
    expect(text(r.list[0]).includes(word), `${show(q)}: first result does not hold ${show(word)}: ${show(r.list[0])}`);
    expect(r.reading !== '', `${show(q)}: no reading line`);
  }
  const none = await read('vi', 'methadonxyz');
  expect(none.list.length === 0, `"methadonxyz" finds ${show(none.hrefs)}`);
  const sug = none.suggest.find((s) => s.text === 'methadone');
  expect(sug, `"methadonxyz" suggests ${show(none.suggest)}, not methadone`);
  const followed = await read('vi', new URLSearchParams(sug.href.slice(1)).get('q'));
  expect(followed.list.length > 0, `the suggestion ${show(sug.href)} finds nothing`);
  return `${cases.length} slips found; "methadonxyz" suggests ${show(none.suggest.map((s) => s.text))}`; });
}

async function searchNoJs(env, lang) {
  const wantLinks = [LANGS[lang].finder];
  return withPage(env, env.noJs, LANGS[lang].search, async (page) => {
    const info = await page.evaluate(() => {
      const main = document.querySelector('main');
      const ns = main ? [...main.querySelectorAll('noscript')] : [];
      // With scripting off, Chromium parses <noscript> content as ordinary markup.
      const shown = [...(main?.querySelectorAll('noscript p, noscript a') ?? [])];
      return {
        noscripts: ns.length,
        text: shown.filter((e) => e.tagName === 'P').map((p) => p.textContent.trim()).join(' '),
        links: shown.filter((e) => e.tagName === 'A' && e.checkVisibility()).map((a) => a.getAttribute('href')),
        results: document.querySelectorAll('#search-results li').length,
      };
    });
    expect(info.noscripts > 0, 'no <noscript> in main');
    expect(info.text.length > 0, 'the noscript text is empty or not rendered');
    const missing = wantLinks.filter((h) => !info.links.includes(h));
    expect(missing.length === 0 && info.links.length >= 2, `noscript links ${show(info.links)} lack ${show(missing)}`);
    for (const href of info.links) {
      const res = await fetch(env.origin + href);
      expect(res.status === 200, `noscript link ${href} answers ${res.status}`);
    }
    return `${info.links.length} links`;
  });
}

// ---------- main ----------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const watchdog = setTimeout(() => {
    console.error(`features: error: timed out after ${opts.timeout} s`);
    process.exit(2);
  }, opts.timeout * 1000);
  watchdog.unref();
  if (!fs.existsSync(CHROMIUM)) throw new HarnessError(`no browser at ${CHROMIUM} (run bash tests/install-test-deps.sh)`);
  const { chromium } = require('playwright-core');
  const facilities = readFacilities(opts.content);
  const slugs = readProvinceSlugs(opts.content);
  if (facilities.length === 0) throw new HarnessError(`no provider in ${opts.content}/facilities`);

  const started = Date.now();
  const { server, origin } = await serve(opts.site);
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const host = new URL(origin).host;
    const env = {
      origin,
      facilities,
      slugs,
      js: await newContext(browser, host, true),
      noJs: await newContext(browser, host, false),
    };
    console.log(`features: ${facilities.length} providers in ${opts.content}; site ${opts.site} at ${origin}`);
    for (const lang of Object.keys(LANGS)) {
      await test(`finder ${lang}: without JavaScript the list holds every provider`, () => finderNoJs(env, lang));
      await test(`finder ${lang}: province, kind, free, voluntary filters narrow and reset widens`, () => finderFilters(env, lang));
      await test(`finder ${lang}: filters survive a reload and a shared URL opens filtered`, () => finderUrl(env, lang));
      await test(`finder ${lang}: the former province Quảng Nam finds its providers`, () => finderFormer(env, lang));
    }
    await test('providers: tel: links are callable, header hotlines are tel: links, samples say so', () => providerPages(env));
    await test('search vi "cai nghien" finds "cai nghiện"', () => searchCaiNghien(env));
    await test('search vi "dong thap" finds Đồng Tháp', () => searchDongThap(env));
    await test('search vi "duong day nong" finds the hotlines', () => searchHotlines(env));
    await test('search vi exact diacritics rank the exact word first ("cháy" vs "chạy")', () => searchExact(env));
    await test('search vi "quang nam" finds the provider now in Đà Nẵng', () => searchQuangNam(env));
    await test('search en "voluntary treatment" finds English pages', () => searchEnglish(env));
    await test('search vi: a shared ?q= link shows the same results as typing', () => searchTypedVsShared(env));
    await test('search vi: results are announced and keyboard-navigable', () => searchKeyboard(env));
    await test('search vi: the page carries the manifest; a typed query waits only for its own files', () => searchManifestCarried(env));
    await test('search vi: a page with an old manifest falls back to manifest.json, same results', () => searchStaleManifest(env));
    await test('search: place names as people write them (TP HCM, Sài Gòn, HN, tỉnh ..., Saigon)', () => searchPlaceSpellings(env));
    await test('search vi: former provinces and districts say their unit now and link the finder there', () => searchFormerPlaces(env));
    await test('finder: ?province= takes any spelling of a province', () => finderAliases(env));
    await test('search vi: Telex and VNI keystrokes left in are read as Vietnamese', () => searchKeystrokes(env));
    await test('search vi: one-letter slips still find the word; nothing found suggests words', () => searchSlips(env));
    for (const lang of Object.keys(LANGS)) {
      await test(`search ${lang}: without JavaScript the page shows the noscript text and links`, () => searchNoJs(env, lang));
    }
    await test('no request left 127.0.0.1', () => {
      expect(foreign.length === 0, `blocked: ${show([...new Set(foreign)])}`);
    });
    await test('no JavaScript error on any page', () => {
      expect(jsErrors.length === 0, show([...new Set(jsErrors)]));
    });
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.close();
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    console.log('');
    console.log('Failures:');
    for (const r of failed) console.log(`  ${r.name}: ${r.why}`);
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`features: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((err) => {
  console.error(`features: error: ${err instanceof HarnessError ? err.message : (err && err.stack) || err}`);
  process.exit(2);
});
