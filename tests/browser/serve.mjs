// Live reload of `minh serve` in a real browser (Debian's Chromium driven by playwright-core),
// issue 7: open a page, change its markdown file on disk, and the page shows the new text with
// no action in the browser; break the front matter, and the page shows the error (file and
// line) while the server still serves the last good page; fix it, and the page recovers.
//
// usage: node tests/browser/serve.mjs --url http://127.0.0.1:PORT --file PATH/TO/page.md
//                                     [--page /vi/trang/gioi-thieu/] [--timeout SECONDS]
// The server must already run (`minh serve --root ROOT --port PORT`) and --file must be the
// markdown source of --page inside ROOT/content; this script rewrites it (and leaves it fixed).
// Prints one line per step (`ok   name` or `FAIL name: why`), then the failures, then
// `serve-browser: N passed, M failed` alone on a line. Exit 0 when all pass, 1 when a step
// fails, 2 when the harness itself cannot run (bad arguments, no browser, no server).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const require = createRequire(import.meta.url);
/** How long the page may take to follow an edit on disk (issue 7 asks for at most 5 s). */
const FOLLOW_MS = 5000;
const OVERLAY = '#minh-live-overlay';
const LIVE_TAG = '<script src="/__minh/live.js" defer></script>';
const TEXT_ONE = 'Trang giới thiệu đã sửa lần một, không cần bấm tải lại.'.normalize('NFC');
const TEXT_TWO = 'Trang giới thiệu đã sửa lần hai, sau khi sửa lỗi.'.normalize('NFC');
const BROKEN_TITLE = 'title: [unclosed';
/** Console messages that are not errors of the page (none so far). */
const EXPECTED_CONSOLE = [];

class HarnessError extends Error {}

function usage(message) {
  if (message) console.error(`serve-browser: ${message}`);
  console.error('usage: node serve.mjs --url http://127.0.0.1:PORT --file PAGE.md [--page /vi/trang/gioi-thieu/] [--timeout SECONDS]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { url: null, file: null, page: '/vi/trang/gioi-thieu/', timeout: 100 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined) usage(`${arg} needs a value`);
      i += 1;
      return v;
    };
    if (arg === '--url') opts.url = value().replace(/\/+$/, '');
    else if (arg === '--file') opts.file = path.resolve(value());
    else if (arg === '--page') opts.page = value();
    else if (arg === '--timeout') opts.timeout = Number.parseInt(value(), 10);
    else if (arg === '--help' || arg === '-h') usage();
    else usage(`unknown argument ${arg}`);
  }
  if (!opts.url || !opts.file) usage('--url and --file are required');
  let origin;
  try {
    origin = new URL(opts.url);
  } catch {
    usage(`bad --url ${opts.url}`);
  }
  if (origin.protocol !== 'http:' || origin.hostname !== '127.0.0.1') usage('--url must be http://127.0.0.1:PORT');
  if (!fs.existsSync(opts.file)) usage(`no such file: ${opts.file}`);
  if (!opts.page.startsWith('/')) usage('--page must start with /');
  if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage('bad --timeout');
  return opts;
}

// ---------- the markdown file ----------

/** The file split into front matter (with both `---` lines), body, and the body's text. */
function splitSource(text) {
  const m = text.match(/^(---\r?\n[\s\S]*?\r?\n---\r?\n)([\s\S]*)$/);
  if (!m) throw new HarnessError('the markdown file has no front matter between --- lines');
  const lines = m[2].split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) throw new HarnessError('the markdown file has no body text');
  const titleLine = m[1].split('\n').findIndex((l) => /^title:/.test(l)) + 1;
  if (titleLine === 0) throw new HarnessError('the front matter has no title: line');
  return { front: m[1], text: lines[lines.length - 1].normalize('NFC'), titleLine, frontLines: m[1].split('\n').length - 1 };
}

/** The path of the file as minh names it: from its `content/` folder on. */
function siteName(file) {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('content');
  if (at < 0) throw new HarnessError(`${file} is not inside a content/ folder`);
  return parts.slice(at).join('/');
}

// ---------- results ----------

const results = [];

class Check extends Error {}

function expect(cond, message) {
  if (!cond) throw new Check(message);
}

async function step(name, fn) {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(2);
  try {
    const note = await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name}${typeof note === 'string' && note ? ` (${note})` : ''} [${seconds()} s]`);
    return true;
  } catch (err) {
    const why = err instanceof Check ? err.message : (err && err.stack) || String(err);
    results.push({ name, ok: false, why });
    console.log(`FAIL ${name}: ${why} [${seconds()} s]`);
    return false;
  }
}

const show = (v) => JSON.stringify(v);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const dedupe = (list) => [...new Set(list)];

// ---------- browser ----------

/** Everything the pages did that a step may have to look at. */
const seen = { foreign: [], csp: [], console: [], badResponses: [] };

const CSP_INIT = `(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    const report = window.__minhServeCsp;
    if (typeof report === 'function') {
      report([e.effectiveDirective || e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.sample].join(' | '));
    }
  }, true);
})();`;

async function newContext(browser, host) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    serviceWorkers: 'block',
  });
  await context.exposeBinding('__minhServeCsp', (_source, text) => {
    seen.csp.push(`Content-Security-Policy violation: ${text}`);
  });
  await context.addInitScript({ content: CSP_INIT });
  // Block (and record) every request that is not to our own server.
  await context.route(
    (url) => url.host !== host || url.protocol !== 'http:',
    async (route) => {
      seen.foreign.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  return context;
}

/** Opens `urlPath` in a new tab that counts its loads and its event-stream connections. */
async function open(context, origin, urlPath, label) {
  const page = await context.newPage();
  const tab = { page, label, loads: 0, streams: 0 };
  page.on('load', () => {
    tab.loads += 1;
  });
  page.on('response', (res) => {
    const u = res.url();
    if (u === `${origin}/__minh/events`) tab.streams += 1;
    if (res.status() >= 400) seen.badResponses.push(`${label}: ${u} answered ${res.status()}`);
  });
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(u)) seen.foreign.push(u);
  });
  page.on('websocket', (ws) => seen.foreign.push(`websocket ${ws.url()}`));
  page.on('pageerror', (err) => seen.console.push(`${label}: uncaught exception: ${err.message}`));
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) {
      seen.csp.push(`${label}: console: ${text}`);
      return;
    }
    if (msg.type() !== 'error' || EXPECTED_CONSOLE.some((re) => re.test(text))) return;
    const loc = msg.location();
    seen.console.push(`${label}: console error: ${text}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
  });
  const res = await page.goto(origin + urlPath, { waitUntil: 'load' });
  expect(res && res.status() === 200, `${urlPath} answered ${res ? res.status() : 'nothing'}`);
  return tab;
}

/**
 * Polls `fn(arg)` in the page until it returns something truthy or `ms` pass; the page may be
 * reloading meanwhile, so an evaluation that dies with its document is simply tried again.
 */
async function until(page, fn, arg, ms) {
  const deadline = Date.now() + ms;
  let last = null;
  while (Date.now() < deadline) {
    try {
      last = await page.evaluate(fn, arg);
      if (last && last.ok) return last;
    } catch (err) {
      const m = String(err && err.message);
      if (!/Execution context was destroyed|navigat|Target closed|Cannot find context/i.test(m)) throw err;
    }
    await sleep(50);
  }
  return last ?? { ok: false };
}

/** Waits until the tab's current document has its event stream open, so no event is missed. */
async function streamOpen(tab) {
  const deadline = Date.now() + FOLLOW_MS;
  while (Date.now() < deadline) {
    if (tab.loads > 0 && tab.streams >= tab.loads) return;
    await sleep(25);
  }
  throw new Check(`${tab.label}: the page did not open /__minh/events (loads ${tab.loads}, streams ${tab.streams})`);
}

/** Waits until the tab fired `load` again (the new text shows before the load event). */
async function loadedAgain(tab, before) {
  const deadline = Date.now() + FOLLOW_MS;
  while (tab.loads <= before) {
    expect(Date.now() < deadline, `${tab.label}: the text changed but the page did not finish loading again`);
    await sleep(25);
  }
}

/** Marks the current document, so a later look can tell whether the page reloaded. */
function mark(page, token) {
  return page.evaluate((t) => {
    window.__minhServeMark = t;
  }, token);
}

/** In the page: the text of main, whether the overlay is there, and the mark. */
function pageState(want) {
  const main = document.querySelector('main') ?? document.body;
  const text = (main ? main.innerText : '').normalize('NFC');
  const overlay = document.getElementById('minh-live-overlay');
  const hasText = want.text ? text.includes(want.text) : true;
  const overlayOk = want.overlay === undefined || !!overlay === want.overlay;
  return {
    ok: hasText && overlayOk && (want.reloaded ? window.__minhServeMark === undefined : true),
    hasText,
    overlay: !!overlay,
    mark: window.__minhServeMark ?? null,
    excerpt: text.replace(/\s+/g, ' ').slice(0, 160),
  };
}

/** In the page: what the overlay says and how it looks (with `styled`, only once live.css applies). */
function overlayState(want) {
  const box = document.getElementById('minh-live-overlay');
  if (!box) return { ok: false };
  const r = box.getBoundingClientRect();
  const style = getComputedStyle(box);
  return {
    ok: !(want && want.styled) || style.position === 'fixed',
    where: [...box.querySelectorAll('.minh-live-where')].map((e) => e.textContent),
    messages: [...box.querySelectorAll('.minh-live-message')].map((e) => e.textContent),
    fixes: [...box.querySelectorAll('.minh-live-fix')].map((e) => e.textContent),
    title: box.querySelector('.minh-live-title')?.textContent ?? '',
    role: box.getAttribute('role'),
    visible: box.checkVisibility() && r.height > 0 && r.top < window.innerHeight && r.bottom > 0,
    position: style.position,
    styled: !!document.getElementById('minh-live-css'),
    close: !!box.querySelector('button.minh-live-close'),
  };
}

function writeSource(file, text) {
  fs.writeFileSync(file, text, 'utf8');
  return Date.now();
}

async function waitFor(tab, want, label) {
  const st = await until(tab.page, pageState, want, FOLLOW_MS);
  expect(
    st.ok,
    `${tab.label}: after ${FOLLOW_MS / 1000} s ${label}: ${show({ hasText: st.hasText, overlay: st.overlay, mark: st.mark, main: st.excerpt })}`,
  );
  return st;
}

/** Fetches the page from node (not the browser): the server must keep serving. */
async function fetchPage(origin, urlPath) {
  const res = await fetch(origin + urlPath, { redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.text()).normalize('NFC') };
}

// ---------- the cycle ----------

async function cycle(env) {
  const { origin, opts, context, name } = env;
  const original = fs.readFileSync(opts.file, 'utf8');
  const { front, text: firstText, titleLine, frontLines } = splitSource(original);
  const goodOne = `${front}\n${TEXT_ONE}\n`;
  const broken = `${front.replace(/^title:.*$/m, BROKEN_TITLE)}\n${TEXT_ONE}\n`;
  const goodTwo = `${front}\n${TEXT_TWO}\n`;
  let tab;
  let healthy = true;
  // Each step builds on the one before: after a failure the rest of the cycle is not run.
  const go = async (label, fn) => {
    if (!healthy) {
      results.push({ name: label, ok: false, why: 'not run: an earlier step failed' });
      console.log(`SKIP ${label}: not run, an earlier step failed`);
      return false;
    }
    healthy = await step(label, fn);
    return healthy;
  };

  await go(`open ${opts.page}: it shows ${show(firstText)} and the live-reload script connects`, async () => {
    tab = await open(context, origin, opts.page, 'page');
    const st = await waitFor(tab, { text: firstText, overlay: false }, `the original text ${show(firstText)} is not shown`);
    const scripts = await tab.page.$$eval('script[src]', (s) => s.map((e) => e.getAttribute('src')));
    expect(scripts.includes('/__minh/live.js'), `no live.js script on the page: ${show(scripts)}`);
    await streamOpen(tab);
    return `main: ${show(st.excerpt.slice(0, 60))}`;
  });

  let wrote = 0;
  await go(`edit ${name}: the page shows the new text by itself within ${FOLLOW_MS / 1000} s`, async () => {
    await mark(tab.page, 'before-edit');
    const loadsBefore = tab.loads;
    wrote = writeSource(opts.file, goodOne);
    await waitFor(tab, { text: TEXT_ONE, overlay: false, reloaded: true }, `the new text ${show(TEXT_ONE)} is not shown`);
    const took = Date.now() - wrote;
    await loadedAgain(tab, loadsBefore);
    return `${took} ms after the write, page reloaded ${tab.loads - loadsBefore}×`;
  });

  await go(`break the front matter (${show(BROKEN_TITLE)}): an overlay names ${name} and its line`, async () => {
    await streamOpen(tab);
    await mark(tab.page, 'before-break');
    const loadsBefore = tab.loads;
    wrote = writeSource(opts.file, broken);
    const first = await until(tab.page, overlayState, null, FOLLOW_MS);
    const took = Date.now() - wrote;
    expect(first.ok, `no ${OVERLAY} after ${FOLLOW_MS / 1000} s`);
    // live.js adds live.css when the first error comes: the overlay is styled once it loads.
    const ov = await until(tab.page, overlayState, { styled: true }, FOLLOW_MS);
    const styledAfter = Date.now() - wrote - took;
    const ours = ov.where.find((w) => w === name || w.startsWith(`${name}:`));
    expect(ours, `the overlay does not name ${name}: ${show(ov.where)}`);
    const m = ours.match(/:(\d+)(?::(\d+))?$/);
    expect(m, `the overlay names ${show(ours)} without a line`);
    const line = Number(m[1]);
    expect(line >= titleLine && line <= frontLines, `the overlay says line ${line}, but the broken title is on line ${titleLine} and the front matter ends on line ${frontLines}`);
    expect(ov.messages.some((t) => t.trim().length > 0), `the overlay has no message: ${show(ov)}`);
    expect(ov.role === 'alert', `the overlay's role is ${show(ov.role)}, not "alert"`);
    expect(ov.styled && ov.position === 'fixed', `live.css is not applied (position ${show(ov.position)})`);
    expect(ov.visible, 'the overlay is not visible in the window');
    const st = await tab.page.evaluate(pageState, { text: TEXT_ONE });
    expect(st.mark === 'before-break', 'the page reloaded on a failed build instead of keeping the last good version');
    expect(tab.loads === loadsBefore, 'the page loaded again on a failed build');
    expect(st.hasText, `under the overlay the page lost the last good text: ${show(st.excerpt)}`);
    return `shown ${took} ms after the write, styled ${styledAfter} ms later; ${show(ov.where)}: ${show(ov.messages[0].slice(0, 120))}`;
  });

  await go('while the build is broken the server still serves the last good page (fetched from node)', async () => {
    const r = await fetchPage(origin, opts.page);
    expect(r.status === 200, `${opts.page} answered ${r.status}`);
    expect(r.type.startsWith('text/html'), `content type ${show(r.type)}`);
    expect(r.body.includes(TEXT_ONE), `the served page lacks the last good text ${show(TEXT_ONE)}`);
    expect(!r.body.includes('unclosed'), 'the served page shows the broken edit');
    expect(r.body.includes(LIVE_TAG), 'the served page lacks the live-reload script');
    const home = await fetchPage(origin, '/vi/');
    expect(home.status === 200, `/vi/ answered ${home.status}`);
    return `${r.body.length} bytes`;
  });

  let second;
  await go('a page opened while the build is broken shows the overlay at once; its close button hides it', async () => {
    second = await open(context, origin, opts.page, 'second page');
    await streamOpen(second);
    const ov = await until(second.page, overlayState, null, FOLLOW_MS);
    expect(ov.ok, `no ${OVERLAY} on a page opened during the failure`);
    expect(ov.where.some((w) => w.startsWith(`${name}:`)), `the overlay does not name ${name}: ${show(ov.where)}`);
    expect(ov.close, 'the overlay has no close button');
    await second.page.click(`${OVERLAY} button.minh-live-close`);
    const gone = await until(second.page, pageState, { overlay: false, text: TEXT_ONE }, FOLLOW_MS);
    expect(gone.ok, 'the close button did not hide the overlay');
    return `${show(ov.where)}`;
  });

  await go('fix the file: the overlay disappears and the page shows the new text by itself', async () => {
    await mark(tab.page, 'before-fix');
    if (second) await mark(second.page, 'before-fix');
    const loadsBefore = tab.loads;
    wrote = writeSource(opts.file, goodTwo);
    await waitFor(tab, { text: TEXT_TWO, overlay: false, reloaded: true }, `the fixed text ${show(TEXT_TWO)} is not shown without the overlay`);
    const took = Date.now() - wrote;
    await loadedAgain(tab, loadsBefore);
    if (process.env.MINH_SERVE_TIMING) console.log(`  timing: first page loaded ${Date.now() - wrote} ms after the write`);
    if (second) await waitFor(second, { text: TEXT_TWO, overlay: false, reloaded: true }, 'the second page did not recover');
    if (process.env.MINH_SERVE_TIMING) console.log(`  timing: second page recovered ${Date.now() - wrote} ms after the write`);
    const r = await fetchPage(origin, opts.page);
    expect(r.status === 200 && r.body.includes(TEXT_TWO), `the server answers ${r.status} without the fixed text`);
    return `${took} ms after the write`;
  });

  if (second) await second.page.close().catch(() => {});
  // Let late events (CSP reports are queued as tasks) arrive.
  if (tab) await sleep(100);
  await step('no Content-Security-Policy violation', () => {
    expect(seen.csp.length === 0, show(dedupe(seen.csp)));
  });
  await step('no console error or uncaught exception, no failed request', () => {
    const all = [...seen.console, ...seen.badResponses];
    expect(all.length === 0, show(dedupe(all)));
  });
  await step('no request left 127.0.0.1', () => {
    expect(seen.foreign.length === 0, `blocked: ${show(dedupe(seen.foreign))}`);
  });
}

// ---------- main ----------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const watchdog = setTimeout(() => {
    console.error(`serve-browser: error: timed out after ${opts.timeout} s`);
    process.exit(2);
  }, opts.timeout * 1000);
  watchdog.unref();
  if (!fs.existsSync(CHROMIUM)) throw new HarnessError(`no browser at ${CHROMIUM} (run bash tests/install-test-deps.sh)`);
  const { chromium } = require('playwright-core');
  const origin = new URL(opts.url).origin;
  const name = siteName(opts.file);
  const probe = await fetch(origin + opts.page).catch((err) => {
    throw new HarnessError(`no server at ${origin}: ${err.message}`);
  });
  if (probe.status !== 200) throw new HarnessError(`${origin}${opts.page} answered ${probe.status}`);

  const started = Date.now();
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await newContext(browser, new URL(origin).host);
    console.log(`serve-browser: ${origin}${opts.page}, editing ${opts.file}`);
    await cycle({ origin, opts, context, name });
  } finally {
    if (browser) await browser.close().catch(() => {});
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    console.log('');
    console.log('Failures:');
    for (const r of failed) console.log(`  ${r.name}: ${r.why}`);
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`serve-browser: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((err) => {
  console.error(`serve-browser: error: ${err instanceof HarnessError ? err.message : (err && err.stack) || err}`);
  process.exit(2);
});
