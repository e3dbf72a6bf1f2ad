// A resident on a cheap phone (issue 17), in a real browser (Debian's Chromium driven by
// playwright-core) at 360x740: help on the first screen of every template, tap targets and
// text size, the finder's province pages without scripts, search without layout shift and
// with clean snippets, and the site working offline after a first visit.
//
// usage: node tests/browser/residents.mjs --site DIR --site2 DIR --mark TEXT [--screenshots DIR] [--timeout SECONDS]
//   --screenshots: where to save the first screen of each template (residents-360x740-<lang>-<template>.png).
//   --site2: a second build of the same site with different content (a new build), for the
//   test that a new build replaces what the service worker cached; its Vietnamese home page
//   says TEXT (--mark), the first build's does not.
// Prints one line per test (`ok   name` or `FAIL name: why`), then the failures, then
// `residents: N passed, M failed` alone on a line. Exit 0 when all pass, 1 when a test
// fails, 2 when the harness itself cannot run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { serve } from './server.mjs';

const require = createRequire(import.meta.url);
const WIDTH = 360;
const HEIGHT = 740;
const WAIT_MS = 10000;
const LANGS = {
  vi: { home: '/vi/', finder: '/vi/co-so/', search: '/vi/tim-kiem/', hotlines: '/vi/duong-day-nong/', plans: '/vi/ke-hoach/', province: '/vi/co-so/tinh/' },
  en: { home: '/en/', finder: '/en/services/', search: '/en/search/', hotlines: '/en/hotlines/', plans: '/en/plans/', province: '/en/services/province/' },
};

class HarnessError extends Error {}
class Check extends Error {}

function usage(message) {
  if (message) console.error(`residents: ${message}`);
  console.error('usage: node residents.mjs --site DIR --site2 DIR --mark TEXT [--timeout SECONDS]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { site: null, site2: null, mark: null, screenshots: null, timeout: 300 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined) usage(`${arg} needs a value`);
      i += 1;
      return v;
    };
    if (arg === '--site') opts.site = path.resolve(value());
    else if (arg === '--site2') opts.site2 = path.resolve(value());
    else if (arg === '--mark') opts.mark = value();
    else if (arg === '--screenshots') opts.screenshots = path.resolve(value());
    else if (arg === '--timeout') opts.timeout = Number.parseInt(value(), 10);
    else usage(`unknown argument ${arg}`);
  }
  if (!opts.site || !fs.existsSync(opts.site)) usage('--site DIR is required');
  if (!opts.site2 || !fs.existsSync(opts.site2)) usage('--site2 DIR is required');
  if (!opts.mark) usage('--mark TEXT is required');
  return opts;
}

const results = [];
const expect = (cond, message) => {
  if (!cond) throw new Check(message);
};
const show = (x) => JSON.stringify(x);

async function test(name, fn) {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  try {
    const note = await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name}${typeof note === 'string' && note ? ` (${note})` : ''} [${seconds()} s]`);
  } catch (err) {
    const why = err instanceof Check ? err.message : (err && err.stack) || String(err);
    results.push({ name, ok: false, why });
    console.log(`FAIL ${name}: ${why} [${seconds()} s]`);
  }
}

/** The first link under `dir` of the built site (a directory URL), e.g. the first plan. */
function firstChild(site, dir) {
  const full = path.join(site, dir);
  const names = fs.readdirSync(full).filter((n) => fs.existsSync(path.join(full, n, 'index.html'))).sort();
  if (!names.length) throw new HarnessError(`no page under ${dir}`);
  return `${dir}${names[0]}/`;
}

// ---------- first screen ----------

/** Boxes (page coordinates, at the top of the page) of what a resident needs first. */
function layout(page) {
  return page.evaluate(() => {
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY), left: Math.round(r.left), right: Math.round(r.right), width: Math.round(r.width), height: Math.round(r.height), visible: el.checkVisibility() };
    };
    const q = (s) => document.querySelector(s);
    return {
      template: document.body.dataset.template,
      header: box(q('header')),
      hotlines: [...document.querySelectorAll('header a[href^="tel:"]')].map((a) => ({ href: a.getAttribute('href'), ...box(a) })),
      searchInput: box(q('header input[name=q]') || q('main input[name=q]')),
      menu: box(q('header details summary')),
      navHidden: [...document.querySelectorAll('header nav a')].filter((a) => !/^(en|vi)$/.test(a.getAttribute('hreflang') || '')).every((a) => !a.checkVisibility()),
      h1: box(q('main h1')),
      pageKind: box(q('main .page-kind')),
      firstProvider: box(q('#finder-list .facility > a')),
      firstResult: box(q('#search-results li > a')),
      docHeight: document.documentElement.scrollHeight,
    };
  });
}

async function firstScreen(env, lang) {
  const L = LANGS[lang];
  const plan = firstChild(env.site, L.plans);
  const province = firstChild(env.site, L.province);
  const pages = [L.home, L.finder, province, `${L.search}?q=${lang === 'vi' ? 'dong%20thap' : 'treatment'}`, plan, L.hotlines];
  const page = await env.context.newPage();
  const seen = [];
  let hotlineTop = null;
  try {
    for (const p of pages) {
      await page.goto(env.origin + p, { waitUntil: 'load' });
      if (p.includes('?q=')) await page.waitForSelector('#search-results li > a', { timeout: WAIT_MS });
      const l = await layout(page);
      const where = `${p} [${l.template}]`;
      if (env.screenshots) {
        fs.mkdirSync(env.screenshots, { recursive: true });
        await page.screenshot({ path: path.join(env.screenshots, `residents-${WIDTH}x${HEIGHT}-${lang}-${l.template}.png`) });
      }
      expect(l.hotlines.length > 0, `${where}: no help line (tel: link) in the header`);
      for (const h of l.hotlines) {
        expect(h.visible && h.bottom <= HEIGHT, `${where}: help line ${h.href} is not on the first screen (bottom ${h.bottom} > ${HEIGHT})`);
        expect(h.width >= 24 && h.height >= 24, `${where}: help line ${h.href} is ${h.width}x${h.height} px, under 24x24`);
      }
      const tops = l.hotlines.map((h) => h.top).join(',');
      if (hotlineTop === null) hotlineTop = tops;
      expect(tops === hotlineTop, `${where}: help lines at y=${tops}, on ${pages[0]} at y=${hotlineTop}: not in the same place on every page`);
      expect(l.menu && l.menu.visible && l.menu.bottom <= HEIGHT, `${where}: the menu button is not on the first screen`);
      expect(l.navHidden, `${where}: the section links show before the menu is opened`);
      expect(l.searchInput && l.searchInput.bottom <= HEIGHT, `${where}: no search box on the first screen`);
      expect(l.h1 && l.h1.bottom <= HEIGHT, `${where}: the title ends at y=${l.h1 && l.h1.bottom}, below the first screen`);
      if (l.template === 'finder' || l.template === 'province') {
        expect(l.firstProvider && l.firstProvider.top < HEIGHT - 24, `${where}: the first provider starts at y=${l.firstProvider && l.firstProvider.top}, not on the first screen`);
      }
      if (l.template === 'search') {
        expect(l.firstResult && l.firstResult.top < HEIGHT - 24, `${where}: the first result starts at y=${l.firstResult && l.firstResult.top}, not on the first screen`);
      }
      if (l.template === 'plan') {
        expect(l.pageKind && l.pageKind.bottom <= HEIGHT, `${where}: what the page is (".page-kind") ends at y=${l.pageKind && l.pageKind.bottom}, below the first screen`);
      }
      seen.push(`${l.template} header ${l.header.bottom}px${l.firstProvider ? `, provider ${l.firstProvider.top}` : ''}${l.firstResult ? `, result ${l.firstResult.top}` : ''}${l.pageKind ? `, kind ${l.pageKind.bottom}` : ''}`);
    }
  } finally {
    await page.close();
  }
  return seen.join('; ');
}

/** Interactive elements smaller than 24x24 px that are not inline in a sentence, and text under 16 px. */
function sizes(page) {
  return page.evaluate(() => {
    const small = [];
    const sel = 'a[href], button, input:not([type=hidden]), select, summary, textarea';
    const targets = [...document.querySelectorAll(sel)].filter((el) => el.checkVisibility()).map((el) => ({ el, r: el.getBoundingClientRect() }));
    const undersized = (t) => t.r.width < 24 || t.r.height < 24;
    const center = (r) => [r.left + r.width / 2, r.top + r.height / 2];
    const distToRect = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
    for (const t of targets) {
      if (!undersized(t)) continue;
      const el = t.el;
      // WCAG 2.5.8 exceptions: a link inside a sentence of running text...
      const inline = el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.parentElement && el.parentElement.textContent.trim() !== el.textContent.trim();
      if (inline) continue;
      // ...or spacing: a 24 px circle on its centre meets no other target nor another undersized target's circle.
      const c = center(t.r);
      const crowded = targets.some((o) => o !== t && (distToRect(c, o.r) < 12 || (undersized(o) && Math.hypot(c[0] - center(o.r)[0], c[1] - center(o.r)[1]) < 24)));
      if (!crowded) continue;
      small.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(t.r.width)}x${Math.round(t.r.height)}`);
    }
    const tiny = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || !el.checkVisibility()) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 16) tiny.add(`<${el.tagName.toLowerCase()} class="${el.className}"> ${px}px "${n.textContent.trim().slice(0, 30)}"`);
    }
    return { small, tiny: [...tiny] };
  });
}

async function targetsAndText(env, lang) {
  const L = LANGS[lang];
  const pages = [L.home, L.finder, firstChild(env.site, L.province), `${L.search}?q=${lang === 'vi' ? 'cai%20nghien' : 'treatment'}`, firstChild(env.site, L.plans), firstChild(env.site, L.finder), L.hotlines, '/404.html'];
  const page = await env.context.newPage();
  const bad = [];
  let checked = 0;
  try {
    for (const p of pages) {
      await page.goto(env.origin + p, { waitUntil: 'load' });
      if (p.includes('?q=')) await page.waitForSelector('#search-results li > a', { timeout: WAIT_MS });
      // Open every fold (menu, finder filters) so their controls are measured too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const s = await sizes(page);
      checked += 1;
      for (const x of s.small) bad.push(`${p}: target ${x}`);
      for (const x of s.tiny) bad.push(`${p}: text ${x}`);
    }
  } finally {
    await page.close();
  }
  expect(bad.length === 0, `${bad.length} problems: ${bad.slice(0, 12).join('; ')}`);
  return `${checked} pages`;
}

// ---------- finder without scripts ----------

async function finderPagesNoJs(env, lang) {
  const L = LANGS[lang];
  const page = await env.noJs.newPage();
  try {
    await page.goto(env.origin + L.finder, { waitUntil: 'load' });
    const links = await page.$$eval(`a[href^="${L.province}"]`, (as) => [...new Set(as.filter((a) => a.checkVisibility()).map((a) => a.getAttribute('href')))]);
    const provinces = links.filter((h) => h.split('/').filter(Boolean).length === 4);
    expect(provinces.length >= 3, `the finder links ${provinces.length} province pages without scripts: ${show(provinces)}`);
    const listed = await page.$$eval('#finder-list section.province', (ss) => ss.map((s) => ({ slug: s.dataset.province, n: s.querySelectorAll('li.facility').length })));
    let kinds = 0;
    for (const href of links) {
      const res = await page.goto(env.origin + href, { waitUntil: 'load' });
      expect(res && res.status() === 200, `${href} answers ${res && res.status()}`);
      const info = await page.evaluate(() => ({
        h1: document.querySelector('h1')?.textContent ?? '',
        items: [...document.querySelectorAll('#finder-list li.facility')].map((li) => ({ province: li.dataset.province, kind: li.dataset.kind, visible: li.checkVisibility() })),
        canonical: document.querySelector('link[rel=canonical]')?.getAttribute('href') ?? '',
      }));
      const parts = href.split('/').filter(Boolean);
      const slug = parts[3];
      expect(info.items.length > 0 && info.items.every((i) => i.visible && i.province === slug), `${href}: lists ${show(info.items)}, expected the visible providers of ${slug}`);
      if (parts.length === 5) {
        kinds += 1;
        expect(info.items.every((i) => i.kind.replace(/_/g, '-') === parts[4]), `${href}: lists other kinds: ${show(info.items)}`);
      } else {
        const want = listed.find((s) => s.slug === slug);
        expect(want && want.n === info.items.length, `${href}: ${info.items.length} providers, the finder lists ${want && want.n} under ${slug}`);
      }
      expect(info.canonical.endsWith(href), `${href}: canonical is ${info.canonical}`);
    }
    const sitemap = fs.readFileSync(path.join(env.site, 'sitemap.xml'), 'utf8');
    const missing = links.filter((h) => !sitemap.includes(`${h}</loc>`));
    expect(missing.length === 0, `not in sitemap.xml: ${show(missing)}`);
    return `${provinces.length} province pages and ${kinds} province-and-kind pages, all in the sitemap`;
  } finally {
    await page.close();
  }
}

// ---------- search ----------

const fold = (s) => (s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const words = (s) => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Runs a search at 360x740 and returns its results: href, title, snippet, marks; and the layout shift. */
async function runSearch(env, lang, q) {
  const page = await env.context.newPage();
  try {
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${env.origin}${LANGS[lang].search}?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
    await page.waitForSelector('#search-results li > a', { timeout: WAIT_MS });
    await page.waitForTimeout(600);
    return await page.evaluate(() => ({
      shift: window.__shift,
      results: [...document.querySelectorAll('#search-results li')].map((li) => ({
        href: li.querySelector('a').getAttribute('href'),
        title: li.querySelector('a').textContent,
        snippet: li.querySelector('p')?.textContent ?? '',
        marks: li.querySelectorAll('mark').length,
      })),
    }));
  } finally {
    await page.close();
  }
}

async function searchNoShift(env) {
  const out = [];
  for (const [lang, q] of [['vi', 'dong thap'], ['vi', 'cai nghien'], ['en', 'treatment']]) {
    const r = await runSearch(env, lang, q);
    expect(r.shift < 0.01, `${lang} "${q}": the layout shifts by ${r.shift.toFixed(3)} when results arrive (CLS; want under 0.01)`);
    out.push(`${q} ${r.shift.toFixed(3)}`);
  }
  return `CLS ${out.join(', ')}`;
}

/** The folded words of a built page's <main>, read from the file. */
const pageWords = new Map();
async function mainWords(env, href) {
  if (!pageWords.has(href)) {
    const html = await (await fetch(env.origin + href)).text();
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    const text = main.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ');
    pageWords.set(href, words(text));
  }
  return pageWords.get(href);
}

async function searchRanking(env) {
  const notes = [];
  for (const q of ['dong thap', 'quang tri', 'da nang', 'thanh hoa']) {
    const qw = words(q);
    const { results } = await runSearch(env, 'vi', q);
    expect(results.length >= 3, `"${q}": only ${results.length} results`);
    const rows = [];
    for (const r of results) {
      const w = await mainWords(env, r.href);
      const all = qw.every((x) => w.includes(x));
      const phrase = w.some((x, i) => qw.every((y, j) => w[i + j] === y));
      rows.push({ ...r, all, phrase });
    }
    const firstPartial = rows.findIndex((r) => !r.all);
    const lateFull = firstPartial < 0 ? -1 : rows.findIndex((r, i) => i > firstPartial && r.all);
    expect(lateFull < 0, `"${q}": result ${lateFull + 1} (${rows[lateFull]?.href}) has every word but ranks below result ${firstPartial + 1} (${rows[firstPartial]?.href}), which lacks one`);
    expect(rows[0].phrase, `"${q}": the first result ${rows[0].href} does not contain "${q}" as a phrase`);
    const full = rows.filter((r) => r.all).length;
    expect(full >= 2, `"${q}": only ${full} results contain every word`);
    for (const r of rows) {
      const s = r.snippet;
      expect(!/·\s*·/.test(s) && !/^\s*·|·\s*$/.test(s), `"${q}": snippet of ${r.href} has an empty field: ${show(s)}`);
      const fields = s.split('·').map((x) => fold(x).replace(/…/g, '').trim()).filter(Boolean);
      const twice = fields.find((f, i) => i > 0 && f === fields[i - 1]);
      expect(!twice, `"${q}": snippet of ${r.href} repeats "${twice}": ${show(s)}`);
      if (r.phrase) expect(r.marks > 0, `"${q}": ${r.href} shows no marked match in its title or snippet`);
    }
    notes.push(`${q}: ${full} of ${rows.length} with every word, first`);
  }
  return notes.join('; ');
}

// ---------- print ----------

async function providerPrint(env, lang) {
  const href = firstChild(env.site, LANGS[lang].finder);
  const page = await env.context.newPage();
  try {
    const pages = [];
    for (const p of fs.readdirSync(path.join(env.site, LANGS[lang].finder)).sort()) {
      if (fs.existsSync(path.join(env.site, LANGS[lang].finder, p, 'index.html'))) pages.push(`${LANGS[lang].finder}${p}/`);
    }
    const sheets = [];
    for (const p of pages) {
      await page.goto(env.origin + p, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
      const n = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      sheets.push([p, n]);
    }
    const over = sheets.filter(([, n]) => n !== 1);
    expect(over.length === 0, `provider pages that do not print on one A4 sheet: ${show(over)}`);
    return `${sheets.length} provider pages, one sheet each (first: ${href})`;
  } finally {
    await page.close();
  }
}

// ---------- offline ----------

/** The build version written into a built site's sw.js. */
function swVersion(site) {
  const m = fs.readFileSync(path.join(site, 'sw.js'), 'utf8').match(/const VERSION = '([^']+)'/);
  if (!m) throw new HarnessError(`no VERSION in ${site}/sw.js`);
  return m[1];
}

/** Serves `dir` on a fixed port (same origin across restarts); `cut()` stops it, as a lost connection would. */
async function station(dir, port) {
  const { server, origin } = await serve(dir, { port });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return {
    origin,
    cut: () => new Promise((resolve) => { server.close(() => resolve()); for (const s of sockets) s.destroy(); }),
  };
}

async function offline(env) {
  const deploy = fs.mkdtempSync(path.join(os.tmpdir(), 'minh-residents-deploy-'));
  const put = (site) => {
    for (const n of fs.readdirSync(deploy)) fs.rmSync(path.join(deploy, n), { recursive: true, force: true });
    fs.cpSync(site, deploy, { recursive: true });
  };
  put(env.site);
  let st = await station(deploy, 0);
  const port = Number(new URL(st.origin).port);
  const o = st.origin;
  const context = await env.browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, serviceWorkers: 'allow' });
  await context.route((url) => url.host !== new URL(o).host, (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  const L = LANGS.vi;
  const provider = firstChild(env.site, L.finder);
  const plan = firstChild(env.site, L.plans);
  const v1 = swVersion(env.site);
  const v2 = swVersion(env.site2);
  expect(v1 !== v2, `both builds have service worker version ${v1}: a new build would not replace the cache`);
  const cacheNames = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('minh-')).sort());
  const text = async () => page.evaluate(() => ({ h1: document.querySelector('h1')?.textContent.trim() ?? '', template: document.body.dataset.template, main: document.querySelector('main')?.innerText ?? '', tels: document.querySelectorAll('a[href^="tel:"]').length }));
  try {
    // First visit, online: the home page registers the worker, which keeps the essentials.
    await page.goto(o + L.home, { waitUntil: 'load' });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: WAIT_MS * 2 });
    expect(show(await cacheNames()) === show([`minh-${v1}`]), `caches after the first visit: ${show(await cacheNames())}, expected minh-${v1}`);
    await page.goto(o + provider, { waitUntil: 'load' });
    const providerOnline = await text();
    await page.goto(`${o}${L.search}?q=cai%20nghien`, { waitUntil: 'load' });
    await page.waitForSelector('#search-results li > a', { timeout: WAIT_MS });
    const firstOnline = await page.$eval('#search-results li > a', (a) => a.getAttribute('href'));

    // The connection drops: the server stops and the browser is offline.
    await st.cut();
    await context.setOffline(true);
    await page.goto(o + L.hotlines, { waitUntil: 'load' });
    let t = await text();
    expect(t.template === 'hotlines' && t.tels > 0, `offline, the hotlines page (never opened) shows ${show({ template: t.template, tels: t.tels })}`);
    await page.goto(o + provider, { waitUntil: 'load' });
    t = await text();
    expect(t.template === 'facility' && t.h1 === providerOnline.h1, `offline, the provider page opened before shows ${show(t.h1)}, not ${show(providerOnline.h1)}`);
    await page.goto(`${o}${L.search}?q=cai%20nghien`, { waitUntil: 'load' });
    await page.waitForSelector('#search-results li > a', { timeout: WAIT_MS });
    const firstOffline = await page.$eval('#search-results li > a', (a) => a.getAttribute('href'));
    expect(firstOffline === firstOnline, `offline, the search run before gives ${firstOffline} first, online it gave ${firstOnline}`);
    await page.goto(o + plan, { waitUntil: 'load' });
    t = await text();
    expect(t.template === 'offline', `offline, a page never opened (${plan}) shows template ${show(t.template)}, not the offline page`);
    await page.goto(o + L.home, { waitUntil: 'load' });
    t = await text();
    expect(!t.main.includes(env.mark), 'the first build already says the new build\'s mark');

    // A new build is published; the connection is back.
    put(env.site2);
    st = await station(deploy, port);
    await context.setOffline(false);
    await page.goto(o + L.home, { waitUntil: 'load' });
    t = await text();
    expect(t.main.includes(env.mark), 'online after a new build, the home page still shows the old build');
    // The new worker installs (keeping the new build's essentials), then drops the old cache.
    let names = await cacheNames();
    for (const until = Date.now() + WAIT_MS * 2; show(names) !== show([`minh-${v2}`]) && Date.now() < until; names = await cacheNames()) {
      await page.waitForTimeout(250);
    }
    expect(show(names) === show([`minh-${v2}`]), `after the new build the caches are ${show(names)}, expected only minh-${v2}`);

    // And offline again: the new build's pages, not the old ones.
    await st.cut();
    await context.setOffline(true);
    await page.goto(o + L.home, { waitUntil: 'load' });
    t = await text();
    expect(t.main.includes(env.mark), 'offline after a new build, the home page is the old build\'s');
    await page.goto(o + L.hotlines, { waitUntil: 'load' });
    t = await text();
    expect(t.template === 'hotlines' && t.tels > 0, 'offline after a new build, the hotlines page is gone');
    return `worker ${v1} kept hotlines, ${provider}, a search; build ${v2} replaced it`;
  } finally {
    await context.close();
    await st.cut().catch(() => {});
    fs.rmSync(deploy, { recursive: true, force: true });
  }
}

// ---------- main ----------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const watchdog = setTimeout(() => {
    console.error(`residents: error: timed out after ${opts.timeout} s`);
    process.exit(2);
  }, opts.timeout * 1000);
  watchdog.unref();
  if (!fs.existsSync(CHROMIUM)) throw new HarnessError(`no browser at ${CHROMIUM} (run bash tests/install-test-deps.sh)`);
  const { chromium } = require('playwright-core');
  const started = Date.now();
  const { server, origin } = await serve(opts.site);
  const host = new URL(origin).host;
  let browser;
  const foreign = [];
  const newContext = async (extra) => {
    const c = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1, locale: 'vi-VN', serviceWorkers: 'block', ...extra });
    await c.route((url) => url.host !== host || url.protocol !== 'http:', async (route) => {
      foreign.push(route.request().url());
      await route.abort('blockedbyclient');
    });
    return c;
  };
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const env = { origin, site: opts.site, site2: opts.site2, mark: opts.mark, screenshots: opts.screenshots, context: await newContext({}), noJs: await newContext({ javaScriptEnabled: false }), browser };
    for (const lang of Object.keys(LANGS)) {
      await test(`${lang}: at ${WIDTH}x${HEIGHT} the help lines, menu, search and each template's essentials are on the first screen`, () => firstScreen(env, lang));
      await test(`${lang}: tap targets at least 24x24 px and text at least 16 px`, () => targetsAndText(env, lang));
      await test(`${lang}: without scripts the finder links a page per province and per kind, each listing its providers`, () => finderPagesNoJs(env, lang));
    }
    await test('search: no layout shift when results arrive (CLS under 0.01)', () => searchNoShift(env));
    await test('search vi: for "dong thap" and three other provinces, pages with every word rank first; snippets have no empty or repeated fields', () => searchRanking(env));
    for (const lang of Object.keys(LANGS)) {
      await test(`${lang}: every provider page prints on one A4 sheet`, () => providerPrint(env, lang));
    }
    await test('offline: after a first visit the hotlines, a visited provider and a search run once still work; a new build replaces the cache', () => offline(env));
    await test('no request left 127.0.0.1', () => expect(foreign.length === 0, show([...new Set(foreign)])));
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.close();
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    console.log('\nFailures:');
    for (const r of failed) console.log(`  ${r.name}: ${r.why}`);
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`residents: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((err) => {
  console.error(`residents: error: ${err instanceof HarnessError ? err.message : (err && err.stack) || err}`);
  process.exit(2);
});
