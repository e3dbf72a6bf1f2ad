// Quality gates for a built minh site in a real browser (Debian's Chromium driven by
// playwright-core): axe-core, no foreign request, CSP holds, no console error, no cookie,
// no horizontal scroll, keyboard access with visible focus and a skip link, and a language
// switch that leads to the translation and back. Screenshots every page checked.
//
// usage: node tests/browser/gates.mjs --site DIR [--screenshots DIR] [--pages /a/,/b/]
//                                     [--widths 360,1280] [--timeout SECONDS]
// Prints one line per page, width and gate, then the failures, then
// `gates: N passed, M failed`. Exit 0 when all pass, 1 on a failed gate, 2 when the
// harness itself cannot run (bad arguments, no browser, no sitemap).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MISSING_PATH = '/khong-ton-tai-minh-gates/trang/';
const SEARCH_QUERY = 'cai nghien';
const MAX_TABS = 600;
const MAX_SHOT_HEIGHT = 8000;
const LANG_WIDTH_LAST = true;
const SETTLE_MS = 150;

function usage(message) {
  if (message) console.error(`gates: ${message}`);
  console.error(
    'usage: node gates.mjs --site DIR [--screenshots DIR] [--pages p1,p2] [--widths 360,1280] [--timeout SECONDS]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    site: null,
    screenshots: path.join(REPO, 'target', 'screenshots'),
    pages: null,
    widths: [360, 1280],
    timeout: 600,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined) usage(`${arg} needs a value`);
      i += 1;
      return v;
    };
    if (arg === '--site') opts.site = path.resolve(value());
    else if (arg === '--screenshots') opts.screenshots = path.resolve(value());
    else if (arg === '--pages') opts.pages = value().split(',').map((p) => p.trim()).filter(Boolean);
    else if (arg === '--widths') opts.widths = value().split(',').map((w) => Number.parseInt(w, 10));
    else if (arg === '--timeout') opts.timeout = Number.parseInt(value(), 10);
    else if (arg === '--help' || arg === '-h') usage();
    else usage(`unknown argument ${arg}`);
  }
  if (!opts.site) usage('--site is required');
  if (!fs.existsSync(opts.site) || !fs.statSync(opts.site).isDirectory()) usage(`no such folder: ${opts.site}`);
  if (opts.widths.some((w) => !Number.isFinite(w) || w < 200)) usage('bad --widths');
  if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage('bad --timeout');
  return opts;
}

// ---------- results ----------

const results = [];

function record(target, width, gate, failures, note = '') {
  const ok = failures.length === 0;
  results.push({ target, width, gate, ok, failures });
  const where = `${target.path} [${target.lang} ${target.template}]`;
  const extra = ok ? (note ? ` (${note})` : '') : `: ${failures[0]}${failures.length > 1 ? ` (+${failures.length - 1} more)` : ''}`;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${where} @${width ?? '-'} ${gate}${extra}`);
}

// ---------- discovery ----------

function xmlUnescape(s) {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Maps a URL (possibly on the production base_url) to a path served from the site folder. */
function localPath(site, urlString, origin) {
  let url;
  try {
    url = new URL(urlString, origin + '/');
  } catch {
    return null;
  }
  if (url.origin === origin) return url.pathname + url.search;
  // Production URL: strip leading segments of a base path until the file exists here.
  const segments = url.pathname.split('/');
  for (let drop = 0; drop < segments.length; drop += 1) {
    const candidate = '/' + segments.slice(drop + 1).join('/');
    const file = path.join(site, decodeURIComponentSafe(candidate));
    if (exists(file) || exists(path.join(file, 'index.html'))) return candidate + url.search;
  }
  return url.pathname + url.search;
}

function decodeURIComponentSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function exists(file) {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

function attr(html, tagRe, name) {
  const tag = html.match(tagRe);
  if (!tag) return null;
  const m = tag[0].match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}

function describeHtml(html) {
  return {
    lang: attr(html, /<html\b[^>]*>/i, 'lang'),
    template: attr(html, /<body\b[^>]*>/i, 'data-template'),
  };
}

async function discover(opts, origin) {
  if (opts.pages) {
    const out = [];
    for (const p of opts.pages) {
      const res = await fetch(origin + p);
      const info = describeHtml(await res.text());
      out.push({ path: p, lang: info.lang ?? '?', template: info.template ?? '?', status: res.status === 404 ? 404 : 200 });
    }
    return { targets: out, problems: [] };
  }
  const sitemapFile = path.join(opts.site, 'sitemap.xml');
  if (!exists(sitemapFile)) throw new HarnessError(`no sitemap.xml in ${opts.site}`);
  const xml = fs.readFileSync(sitemapFile, 'utf8');
  const locs = [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/g)].map((m) => xmlUnescape(m[1]));
  if (locs.length === 0) throw new HarnessError('sitemap.xml lists no <loc>');
  const groups = new Map();
  const problems = [];
  for (const loc of locs) {
    const p = localPath(opts.site, loc, origin);
    if (p === null) {
      problems.push(`sitemap <loc> is not a URL: ${loc}`);
      continue;
    }
    const res = await fetch(origin + p);
    if (res.status !== 200) {
      problems.push(`sitemap lists ${loc} but ${p} answers ${res.status}`);
      continue;
    }
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    const info = describeHtml(await res.text());
    if (!info.template) problems.push(`${p}: <body> has no data-template`);
    if (!info.lang) problems.push(`${p}: <html> has no lang`);
    const key = `${info.template ?? '?'}\u0000${info.lang ?? '?'}`;
    if (!groups.has(key)) groups.set(key, { path: p, lang: info.lang ?? '?', template: info.template ?? '?', status: 200 });
  }
  const targets = [...groups.values()];
  const searchPages = targets.filter((t) => t.template === 'search');
  for (const s of searchPages) {
    const sep = s.path.includes('?') ? '&' : '?';
    targets.push({ ...s, path: `${s.path}${sep}q=${encodeURIComponent(SEARCH_QUERY)}` });
  }
  const notFoundFile = path.join(opts.site, '404.html');
  if (exists(notFoundFile)) {
    const info = describeHtml(fs.readFileSync(notFoundFile, 'utf8'));
    targets.push({ path: MISSING_PATH, lang: info.lang ?? '?', template: info.template ?? '404', status: 404 });
  } else {
    problems.push('no 404.html');
  }
  return { targets, problems };
}

class HarnessError extends Error {}

// ---------- in-page helpers (run inside the page) ----------

function pageCspPolicy() {
  const metas = [...document.querySelectorAll('meta[http-equiv]')].filter(
    (m) => (m.getAttribute('http-equiv') ?? '').toLowerCase() === 'content-security-policy',
  );
  return metas.map((m) => m.getAttribute('content') ?? '');
}

function pageOverflow() {
  const iw = window.innerWidth;
  const sw = Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0);
  const wide = [];
  if (sw > iw) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > iw + 0.5 && r.width > 0) {
        // Keep only the innermost offenders: skip an element when a child also overflows.
        const childOver = [...el.children].some((c) => c.getBoundingClientRect().right > iw + 0.5);
        if (!childOver) {
          const id = el.id ? `#${el.id}` : '';
          const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
          wide.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(r.right)}px)`);
        }
      }
      if (wide.length >= 5) break;
    }
  }
  return { iw, sw, wide };
}

function pageSetupTabbables() {
  const sel = [
    'a[href]', 'area[href]', 'button', 'input', 'select', 'textarea', 'iframe', 'summary',
    'audio[controls]', 'video[controls]', '[tabindex]', '[contenteditable]:not([contenteditable="false"])',
  ].join(',');
  const visible = (el) =>
    el.getClientRects().length > 0 &&
    (typeof el.checkVisibility !== 'function' || el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true }));
  const radiosSeen = new Set();
  const list = [];
  for (const el of document.querySelectorAll(sel)) {
    if (el.tabIndex < 0) continue;
    if (el.disabled) continue;
    if (el.matches('input[type="hidden"]')) continue;
    if (el.closest('[inert]')) continue;
    if (el.tagName === 'SUMMARY' && !(el.parentElement && el.parentElement.tagName === 'DETAILS' && el.parentElement.querySelector(':scope > summary') === el)) continue;
    if (!visible(el)) continue;
    if (el.matches('input[type="radio"]') && el.name) {
      const key = `${el.form ? 'f' : 'd'}:${el.name}`;
      if (radiosSeen.has(key)) continue;
      const group = [...document.querySelectorAll(`input[type="radio"][name="${CSS.escape(el.name)}"]`)].filter((r) => r.form === el.form);
      const checked = group.find((r) => r.checked);
      if (checked && checked !== el) {
        if (visible(checked) && !checked.disabled) continue;
      }
      radiosSeen.add(key);
    }
    list.push(el);
  }
  // Positive tabindex comes first in the browser's order; keep DOM order as the expectation.
  window.__minhTab = list;
  return list.length;
}

function pageActiveInfo() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { none: true };
  const list = window.__minhTab ?? [];
  const cs = getComputedStyle(el);
  const alpha = (color) => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return color === 'transparent' ? 0 : 1;
    const parts = m[1].split(/[ ,/]+/).filter(Boolean);
    return parts.length >= 4 ? Number.parseFloat(parts[3]) : 1;
  };
  const outlineOk =
    cs.outlineStyle !== 'none' && cs.outlineStyle !== 'hidden' && Number.parseFloat(cs.outlineWidth) > 0 && (cs.outlineStyle === 'auto' || alpha(cs.outlineColor) > 0);
  const shadowOk = cs.boxShadow !== 'none' && cs.boxShadow !== '';
  const r = el.getBoundingClientRect();
  const id = el.id ? `#${el.id}` : '';
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
  const desc = `<${el.tagName.toLowerCase()}${id}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}${el.getAttribute('name') ? ` name="${el.getAttribute('name')}"` : ''}>${text ? ` "${text}"` : ''}`;
  let skipTarget = null;
  const href = el.tagName === 'A' ? el.getAttribute('href') ?? '' : '';
  if (href.startsWith('#') && href.length > 1) {
    let id2 = href.slice(1);
    try {
      id2 = decodeURIComponent(id2);
    } catch {
      /* keep raw */
    }
    skipTarget = document.getElementById(id2) ? id2 : '';
  }
  return {
    none: false,
    idx: list.indexOf(el),
    desc,
    focusOk: outlineOk || shadowOk,
    style: `outline: ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow: ${cs.boxShadow}`,
    rect: { x: r.x, y: r.y, w: r.width, h: r.height, vw: window.innerWidth, vh: window.innerHeight },
    isLink: el.tagName === 'A',
    skipTarget,
  };
}

function pageDescribeTabbable(i) {
  const el = (window.__minhTab ?? [])[i];
  if (!el) return '?';
  const id = el.id ? `#${el.id}` : '';
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
  return `<${el.tagName.toLowerCase()}${id}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}>${text ? ` "${text}"` : ''}`;
}

function pageLangLinks() {
  const abs = (href) => {
    try {
      return new URL(href, document.baseURI).href;
    } catch {
      return href;
    }
  };
  const sw = [...document.querySelectorAll('nav.lang-switch a[hreflang]')].map((a) => {
    const r = a.getBoundingClientRect();
    const cs = getComputedStyle(a);
    return {
      hreflang: a.getAttribute('hreflang') ?? '',
      lang: a.getAttribute('lang') ?? '',
      href: abs(a.getAttribute('href') ?? ''),
      visible: r.width > 0 && r.height > 0 && cs.visibility !== 'hidden',
    };
  });
  const alternates = [...document.querySelectorAll('link[rel~="alternate"][hreflang]')].map((l) => ({
    hreflang: l.getAttribute('hreflang') ?? '',
    href: abs(l.getAttribute('href') ?? ''),
  }));
  return { lang: document.documentElement.getAttribute('lang') ?? '', switch: sw, alternates };
}

// ---------- checks ----------

const primary = (lang) => (lang ?? '').toLowerCase().split('-')[0];

function cspPolicyFailures(policies) {
  if (policies.length === 0) return ['no <meta http-equiv="Content-Security-Policy"> on the page'];
  const failures = [];
  for (const policy of policies) {
    const directives = new Map(
      policy
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name, ...values] = d.split(/\s+/);
          return [name.toLowerCase(), values];
        }),
    );
    const def = directives.get('default-src');
    if (!def || !(def.length === 1 && (def[0] === "'self'" || def[0] === "'none'"))) {
      failures.push(`Content-Security-Policy default-src is not 'self': "${policy}"`);
    }
    for (const [name, values] of directives) {
      for (const v of values) {
        const low = v.toLowerCase();
        if (low === "'unsafe-inline'" || low === "'unsafe-eval'" || low === "'unsafe-hashes'" || low === "'wasm-unsafe-eval'") {
          failures.push(`Content-Security-Policy ${name} allows ${v}`);
        } else if (!low.startsWith("'") && low !== 'data:' && low !== 'blob:' && name !== 'report-uri' && name !== 'report-to' && name !== 'sandbox' && name !== 'upgrade-insecure-requests') {
          failures.push(`Content-Security-Policy ${name} allows a host source: ${v}`);
        }
      }
    }
  }
  return failures;
}

async function runAxe(page, axeSource) {
  // Injected through CDP (Runtime.evaluate behind page.evaluate), which the page's CSP does
  // not govern, so the strict policy stays in force for everything the page itself loads.
  await page.evaluate(axeSource);
  const res = await page.evaluate(
    async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
      }));
    },
    AXE_TAGS,
  );
  const failures = [];
  for (const v of res) {
    for (const n of v.nodes.slice(0, 5)) {
      failures.push(`axe ${v.id} (${v.impact}): ${v.help} — target: ${n.target} — ${n.summary}`);
    }
    if (v.nodes.length > 5) failures.push(`axe ${v.id}: ${v.nodes.length - 5} more elements`);
  }
  return failures;
}

async function keyboardFailures(page) {
  const expected = await page.evaluate(pageSetupTabbables);
  const failures = [];
  const seq = [];
  const noIndicator = [];
  let first = null;
  // Start from a known state: nothing focused, top of page.
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  const presses = Math.min(expected + 50, MAX_TABS);
  let capped = true;
  for (let i = 0; i < presses; i += 1) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(pageActiveInfo);
    if (info.none) {
      capped = false;
      break;
    }
    if (first === null) first = info;
    else if (info.idx !== -1 && info.idx === first.idx) {
      capped = false;
      break; // wrapped around
    }
    seq.push(info);
    if (!info.focusOk) noIndicator.push(`${info.desc} [${info.style}]`);
  }
  if (expected === 0) return { failures: ['no focusable element on the page (a skip link is expected)'], expected };
  if (first === null) {
    failures.push('Tab moved focus to nothing');
    return { failures, expected };
  }
  if (!first.isLink || first.skipTarget === null) {
    failures.push(`first Tab reached ${first.desc}, not a "skip to content" link (an <a href="#main">)`);
  } else if (first.skipTarget === '') {
    failures.push(`skip link ${first.desc} points to a missing id`);
  } else {
    const r = first.rect;
    if (r.w < 2 || r.h < 2 || r.x < 0 || r.y < 0 || r.x + r.w > r.vw + 1 || r.y + r.h > r.vh + 1) {
      failures.push(`skip link ${first.desc} is not visible on screen when focused (box ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.w)}x${Math.round(r.h)})`);
    }
  }
  const reached = new Set(seq.map((s) => s.idx).filter((i) => i >= 0));
  // On a page with more focusable elements than MAX_TABS, check only the part reached.
  const checkUpTo = capped ? Math.max(-1, ...reached) + 1 : expected;
  const missed = [];
  for (let i = 0; i < checkUpTo; i += 1) if (!reached.has(i)) missed.push(i);
  for (const i of missed.slice(0, 5)) {
    failures.push(`never reached by Tab: ${await page.evaluate(pageDescribeTabbable, i)}`);
  }
  if (missed.length > 5) failures.push(`${missed.length - 5} more focusable elements never reached by Tab`);
  let last = -1;
  for (const s of seq) {
    if (s.idx === -1) continue;
    if (s.idx < last) {
      failures.push(`Tab order differs from the reading order at ${s.desc}`);
      break;
    }
    last = s.idx;
  }
  for (const n of noIndicator.slice(0, 5)) failures.push(`no visible focus indicator on ${n}`);
  if (noIndicator.length > 5) failures.push(`${noIndicator.length - 5} more elements without a visible focus indicator`);
  return { failures, expected };
}

function samePage(a, b, site, origin) {
  const norm = (u) => {
    const p = localPath(site, u, origin) ?? u;
    return p.split('?')[0].replace(/index\.html$/, '').replace(/\/+$/, '/') || '/';
  };
  return norm(a) === norm(b);
}

async function langFailures(context, target, origin, opts, links) {
  const failures = [];
  const url = origin + target.path;
  const others = links.switch.filter((l) => primary(l.hreflang) !== primary(links.lang));
  if (links.switch.length === 0) return ['no language switch (nav.lang-switch a[hreflang]) on the page'];
  if (others.length === 0) return [`the language switch offers no language other than "${links.lang}"`];
  for (const link of links.switch) {
    if (!link.visible) failures.push(`language switch link to ${link.hreflang} is not visible`);
    if (primary(link.lang) !== primary(link.hreflang)) failures.push(`language switch link hreflang="${link.hreflang}" has lang="${link.lang}"`);
  }
  for (const link of others) {
    const dest = localPath(opts.site, link.href, origin);
    if (dest === null) {
      failures.push(`language switch href is not a URL: ${link.href}`);
      continue;
    }
    const alt = links.alternates.find((a) => primary(a.hreflang) === primary(link.hreflang));
    if (target.status === 200 && !alt) failures.push(`no <link rel="alternate" hreflang="${link.hreflang}"> in head`);
    else if (alt && target.status === 200 && !samePage(alt.href, link.href, opts.site, origin)) {
      failures.push(`<link rel="alternate" hreflang="${link.hreflang}"> (${alt.href}) and the language switch (${link.href}) disagree`);
    }
    const page = await context.newPage();
    try {
      const res = await page.goto(origin + dest, { waitUntil: 'domcontentloaded', timeout: 20000 });
      const status = res ? res.status() : 0;
      if (status !== 200) {
        failures.push(`language switch to ${link.hreflang} leads to ${dest}, which answers ${status}`);
        continue;
      }
      const there = await page.evaluate(pageLangLinks);
      if (primary(there.lang) !== primary(link.hreflang)) {
        failures.push(`language switch to ${link.hreflang} leads to ${dest}, whose <html lang> is "${there.lang}"`);
      }
      if (target.status !== 200) continue; // a 404 page has no translation to come back to
      const back = [
        ...there.switch.filter((l) => primary(l.hreflang) === primary(links.lang)).map((l) => l.href),
        ...there.alternates.filter((l) => primary(l.hreflang) === primary(links.lang)).map((l) => l.href),
      ];
      if (!back.some((h) => samePage(h, url, opts.site, origin))) {
        failures.push(`${dest} (${link.hreflang}) does not link back to ${target.path.split('?')[0]}: its ${links.lang} links are ${back.length ? back.join(', ') : 'missing'}`);
      }
    } finally {
      await page.close();
    }
  }
  return failures;
}

function shotName(p, width) {
  const clean = p
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.html$/, '')
    .replace(/[?=&]/g, '_')
    .replace(/%20|\+/g, '-')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${clean || 'index'}-${width}.png`;
}

async function checkPage(context, target, width, env) {
  const { origin, opts, axeSource, events } = env;
  const page = await context.newPage();
  const state = { csp: [], console: [], requests: [], foreign: [], bad: [], cookies: [], inflight: 0, lastChange: Date.now() };
  events.set(page, state);
  const done = () => {
    state.inflight = Math.max(0, state.inflight - 1);
    state.lastChange = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('request', (req) => {
    state.inflight += 1;
    state.lastChange = Date.now();
    const u = req.url();
    if (u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:')) return;
    state.requests.push(u);
    if (!u.startsWith(origin + '/')) state.foreign.push(`request to a foreign host (blocked): ${u}`);
  });
  page.on('websocket', (ws) => state.foreign.push(`websocket to ${ws.url()}`));
  page.on('response', async (res) => {
    const u = res.url();
    if (res.status() >= 400 && !(u === origin + target.path && res.status() === target.status)) {
      state.bad.push(`${res.request().resourceType()} ${u} answered ${res.status()}`);
    }
    try {
      const sc = await res.headerValue('set-cookie');
      if (sc) state.cookies.push(`Set-Cookie from ${u}: ${sc}`);
    } catch {
      /* response gone */
    }
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) {
      state.csp.push(`console: ${text}`);
      return;
    }
    if (msg.type() !== 'error') return;
    if (/^Failed to load resource: (the server responded with a status|net::ERR_BLOCKED_BY_CLIENT|net::ERR_FAILED)/.test(text)) return; // reported by the requests gate
    const loc = msg.location();
    state.console.push(`console error: ${text}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
  });
  page.on('pageerror', (err) => {
    const frame = String(err.stack ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.startsWith('at '));
    state.console.push(`uncaught exception: ${err.message}${frame ? ` (${frame.replace(origin, '')})` : ''}`);
  });
  const t0 = Date.now();
  const lap = (what) => {
    if (process.env.MINH_GATES_TIMING) console.log(`  timing ${what}: ${Date.now() - t0} ms`);
  };
  const failures = (gate, list, note) => {
    lap(gate);
    record(target, width, gate, list, note);
  };
  try {
    await page.setViewportSize({ width, height: 800 });
    const url = origin + target.path;
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    } catch (err) {
      failures('load', [`cannot load ${url}: ${err.message.split('\n')[0]}`]);
      return;
    }
    const status = response ? response.status() : 0;
    failures('load', status === target.status ? [] : [`${url} answered ${status}, expected ${target.status}`]);
    await settle(page, state);

    // Screenshot first, as the page looks before any interaction.
    fs.mkdirSync(opts.screenshots, { recursive: true });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const shot = path.join(opts.screenshots, shotName(target.path, width));
    await page.screenshot(
      height > MAX_SHOT_HEIGHT ? { path: shot, clip: { x: 0, y: 0, width, height: MAX_SHOT_HEIGHT }, fullPage: true } : { path: shot, fullPage: true },
    );

    const ov = await page.evaluate(pageOverflow);
    failures(
      'no-horizontal-scroll',
      ov.sw > ov.iw ? [`page is ${ov.sw}px wide in a ${ov.iw}px window; widest: ${ov.wide.join(', ') || '?'}`] : [],
    );

    failures('csp-policy', cspPolicyFailures(await page.evaluate(pageCspPolicy)));

    failures('axe', await runAxe(page, axeSource));

    const kb = await keyboardFailures(page);
    failures('keyboard', kb.failures, `${kb.expected} focusable`);

    // Let late events (CSP reports are queued as tasks) arrive.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    const csp = await page.evaluate(() => window.__minhCsp ?? []);
    for (const v of csp) {
      state.csp.push(
        `Content-Security-Policy violation: directive ${v.directive} blocked ${v.blocked || '(unknown)'}${v.source ? ` at ${v.source}:${v.line}:${v.column}` : ''}${v.sample ? ` sample "${v.sample}"` : ''}`,
      );
    }
    failures('csp', dedupe(state.csp));
    failures('requests', dedupe([...state.foreign, ...state.bad]), `${state.requests.length} requests`);
    failures('console', dedupe(state.console));
    const jar = await context.cookies();
    const docCookie = await page.evaluate(() => document.cookie);
    const cookieFailures = [...state.cookies, ...jar.map((c) => `cookie set: ${c.name} on ${c.domain}${c.path}`)];
    if (docCookie) cookieFailures.push(`document.cookie is "${docCookie}"`);
    failures('cookies', dedupe(cookieFailures));
    if (jar.length) await context.clearCookies();

    if (!LANG_WIDTH_LAST || width === opts.widths[opts.widths.length - 1]) {
      const links = await page.evaluate(pageLangLinks);
      failures('lang', await langFailures(context, target, origin, opts, links));
    } else {
      const links = await page.evaluate(pageLangLinks);
      const hidden = links.switch.filter((l) => !l.visible).map((l) => `language switch link to ${l.hreflang} is not visible`);
      failures('lang-visible', links.switch.length ? hidden : ['no language switch (nav.lang-switch a[hreflang]) on the page']);
    }
  } catch (err) {
    failures('harness', [`check aborted: ${String(err && err.message ? err.message : err).split('\n')[0]}`]);
  } finally {
    events.delete(page);
    await page.close().catch(() => {});
  }
}

/** Waits until no request has been in flight for SETTLE_MS (at most 5 s): cheaper than networkidle. */
async function settle(page, state) {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (state.inflight === 0 && Date.now() - state.lastChange >= SETTLE_MS) return;
    await page.waitForTimeout(25);
  }
}

function dedupe(list) {
  return [...new Set(list)];
}

// ---------- main ----------

const CSP_INIT = `(() => {
  window.__minhCsp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__minhCsp.push({
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      column: e.columnNumber,
      sample: e.sample,
    });
  }, true);
})();`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const watchdog = setTimeout(() => {
    console.error(`gates: error: timed out after ${opts.timeout} s`);
    process.exit(2);
  }, opts.timeout * 1000);
  watchdog.unref();

  if (!exists(CHROMIUM)) throw new HarnessError(`no browser at ${CHROMIUM} (run bash tests/install-test-deps.sh)`);
  const { chromium } = require('playwright-core');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  const started = Date.now();
  const { server, origin } = await serve(opts.site);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minh-gates-'));
  let context;
  try {
    const { targets, problems } = await discover(opts, origin);
    const host = new URL(origin).host;
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: opts.widths[0], height: 800 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      serviceWorkers: 'block',
    });
    const events = new Map();
    await context.addInitScript({ content: CSP_INIT });
    // Block (and report) every request that is not to our own server.
    await context.route(
      (url) => url.host !== host || url.protocol !== 'http:',
      async (route) => {
        const req = route.request();
        const frame = req.frame ? safeFrame(req) : null;
        const p = frame ? frame.page() : null;
        const st = p ? events.get(p) : null;
        if (st) st.foreign.push(`request to a foreign host (blocked): ${req.url()}`);
        await route.abort('blockedbyclient');
      },
    );
    for (const page of context.pages()) await page.close();
    console.log(`gates: ${targets.length} pages (one per template and language) from ${opts.site}, widths ${opts.widths.join(', ')}`);
    if (problems.length) {
      record({ path: '(sitemap)', lang: '-', template: '-' }, null, 'discover', problems);
    }
    for (const target of targets) {
      for (const width of opts.widths) {
        await checkPage(context, target, width, { origin, opts, axeSource, events });
      }
    }
  } finally {
    if (context) await context.close().catch(() => {});
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    console.log('');
    console.log('Failures:');
    for (const r of failed) {
      for (const f of r.failures) {
        console.log(`  ${r.target.path} [${r.target.lang} ${r.target.template}] width ${r.width ?? '-'} gate ${r.gate}: ${f}`);
      }
    }
  }
  console.log(`screenshots in ${opts.screenshots}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`gates: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

function safeFrame(req) {
  try {
    return req.frame();
  } catch {
    return null;
  }
}

main().catch((err) => {
  console.error(`gates: error: ${err instanceof HarnessError ? err.message : (err && err.stack) || err}`);
  process.exit(2);
});
