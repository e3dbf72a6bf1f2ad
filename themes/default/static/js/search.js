/* minh search: tokenizer and ranking mirror crates/minh-search (tokenize.rs, query.rs); keep them in step. */
(() => {
  'use strict';
  var TONES = '\u0300\u0301\u0303\u0309\u0323', BRK = '.!?;:…,()[]{}|"“”«»–—';
  var VOW = 'aăâeêioôơuưy', MARKED = 'ăâêôơư';
  var STOP = { en: 'a an and are as at be by for from in is it of on or that the this to was were with'.split(' '), vi: [] };
  var WORD = /[\p{Alphabetic}\p{N}]+/gu, MARK = /[\u0300-\u036f]/;
  var PRE = 0.7, EXACT = 2, PHRASE = 1.5, PAGE = 10;
  var nfc = (s) => s.normalize('NFC');
  var ascii = (s) => /^[\x00-\x7f]*$/.test(s);

  function fold(w) {
    return ascii(w) ? w : nfc(w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd'));
  }

  function target(u) {
    var runs = [], i = 0, s, e, m;
    while (i < u.length) {
      if (VOW.includes(u[i])) { s = i; while (i < u.length && VOW.includes(u[i])) i++; runs.push([s, i]); } else i++;
    }
    if (runs.length !== 1) return -1;
    s = runs[0][0]; e = runs[0][1];
    if (s === 1 && e - s > 1 && ((u[0] === 'q' && u[1] === 'u') || (u[0] === 'g' && u[1] === 'i'))) s++;
    for (m = e - 1; m >= s; m--) if (MARKED.includes(u[m])) return m;
    if (e < u.length || e - s === 1) return e - 1;
    m = u.slice(s, e).join('');
    return m === 'oa' || m === 'oe' || m === 'uy' ? s + 1 : e - 2;
  }

  // One canonical tone place per syllable (hòa = hoà); input lowercase.
  function tone(w) {
    if (ascii(w)) return w;
    var d = Array.from(w.normalize('NFD')), at = [], k, t, u, p;
    d.forEach((c, i) => { if (TONES.includes(c)) at.push(i); });
    if (at.length !== 1) return nfc(w);
    for (k = at[0] - 1; k >= 0 && MARK.test(d[k]); k--);
    if (k < 0 || !'aeiouy'.includes(d[k])) return nfc(w);
    t = d.splice(at[0], 1)[0];
    u = Array.from(nfc(d.join('')));
    p = target(u);
    if (p < 0) return nfc(w);
    u[p] = nfc(u[p] + t);
    return u.join('');
  }

  function und(s) {
    if (s.length < 4 || !/[aeiouy]/.test(s)) return '';
    var c = s[s.length - 1];
    return c === s[s.length - 2] && !'aeiouylsz'.includes(c) ? s.slice(0, -1) : s;
  }

  function stem(w) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    if (/ies$/.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
    if (/(sses|xes|ches|shes)$/.test(w)) return w.slice(0, -2);
    if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    if (/ing$/.test(w)) return und(w.slice(0, -3)) || w;
    if (/ed$/.test(w) && !/eed$/.test(w)) return und(w.slice(0, -2)) || w;
    return w;
  }

  function isBreak(sep) {
    if (sep.length === 1 && '.,:'.includes(sep)) return false;
    return Array.from(sep).some((c) => BRK.includes(c)) || sep.split('\n').length > 2;
  }

  // [folded, exact, stop] of one word.
  function forms(lang, word) {
    var l = word.toLowerCase(), f = fold(l), x = tone(l);
    if (lang === 'en') { f = stem(f); x = stem(x); }
    return [f, x, (STOP[lang] || []).includes(fold(l))];
  }

  // Words in order, then bigrams of adjacent kept words of one sentence: {kind: 'w'|'b', folded, exact, pos}.
  function tokenize(lang, text) {
    var ws = [], last = 0, out = [], kept = [], pb = false, fs, all, j, a, b;
    text = nfc(text);
    for (var m of text.matchAll(WORD)) { ws.push([m[0], isBreak(text.slice(last, m.index))]); last = m.index + m[0].length; }
    fs = ws.map((w) => forms(lang, w[0]));
    all = fs.every((f) => f[2]);
    ws.forEach((w, i) => {
      pb = pb || w[1];
      if (fs[i][2] && !all) return;
      kept.push([i, pb]); pb = false;
      out.push({ kind: 'w', folded: fs[i][0], exact: fs[i][1], pos: i });
    });
    for (j = 1; j < kept.length; j++) {
      if (kept[j][1]) continue;
      a = kept[j - 1][0]; b = kept[j][0];
      out.push({ kind: 'b', folded: fs[a][0] + ' ' + fs[b][0], exact: fs[a][1] + ' ' + fs[b][1], pos: a });
    }
    return out;
  }

  function parse(lang, q) {
    var p = { w: [], b: [], pre: /[\p{Alphabetic}\p{N}]$/u.test(nfc(q)) };
    tokenize(lang, q).forEach((t) => {
      var L = t.kind === 'w' ? p.w : p.b, k = L.findIndex((x) => x.f === t.folded);
      if (k >= 0) L.splice(k, 1);
      L.push({ f: t.folded, e: t.exact });
    });
    p.pre = p.pre && p.w.length > 0;
    return p;
  }

  function shardOf(s, key) {
    var lo = 0, hi = s.length, mid;
    while (lo < hi) { mid = (lo + hi) >> 1; if (s[mid] <= key) lo = mid + 1; else hi = mid; }
    return Math.max(lo - 1, 0);
  }

  function deltas(a) { var d = 0; return a.map((x) => (d += x)); }

  function entry(v, m) {
    var d = 0;
    return { df: v[0], p: v[1].map((x) => { d += Math.floor(x / (m + 1)); return [d, x % (m + 1)]; }), v: v[2] };
  }

  function hasExact(e, d, x) {
    var v = e.v;
    return typeof v === 'string' ? v === x : !!(v && Object.prototype.hasOwnProperty.call(v, x) && deltas(v[x]).includes(d));
  }

  function best(ms, n, m) {
    var acc = new Map();
    ms.forEach((t) => {
      var e = t[0], w = (Math.log(1 + (n - e.df + 0.5) / (e.df + 0.5)) + 0.5) * t[1] / m;
      e.p.forEach((pq) => {
        var s = w * pq[1] * (t[2] && hasExact(e, pq[0], t[2]) ? EXACT : 1);
        if (s > (acc.get(pq[0]) || 0)) acc.set(pq[0], s);
      });
    });
    return acc;
  }

  // Ranked [doc, score] pairs: per word its best match, plus phrase matches, times coordination.
  function rank(T, p, n, m) {
    var tot = new Map(), lastW = p.w[p.w.length - 1], out = [];
    var get = (k) => T[k] && (T[k].p ? T[k] : (T[k] = entry(T[k], m)));
    p.w.forEach((t) => {
      var ms = [], k;
      if (get(t.f)) ms.push([get(t.f), 1, t.e !== t.f && t.e]);
      // A last word that is already a whole word leans less on its completions.
      var pw = ms.length ? PRE / 2 : PRE;
      if (p.pre && t === lastW) for (k in T) if (k.startsWith(t.f) && k !== t.f && !k.includes(' ')) ms.push([get(k), pw]);
      best(ms, n, m).forEach((s, d) => { var v = tot.get(d) || [0, 0]; v[0] += s; v[1]++; tot.set(d, v); });
    });
    p.b.forEach((x, i) => {
      var ms = [], k, b = x.f;
      if (get(b)) ms.push([get(b), PHRASE]);
      if (p.pre && i === p.b.length - 1 && b.endsWith(' ' + lastW.f)) {
        for (k in T) if (k.startsWith(b) && k !== b && k.split(' ').length === 2) ms.push([get(k), PHRASE * PRE]);
      }
      best(ms, n, m).forEach((s, d) => { var v = tot.get(d); if (v) v[0] += s; });
    });
    tot.forEach((v, d) => { out.push([d, v[0] * Math.pow(v[1] / Math.max(p.w.length, 1), 2)]); });
    return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }

  // The key of a query one precomputed answer serves: one word, or two as their bigram, typed
  // without diacritics that matter, still being typed (prefix); else null.
  function answerKey(p) {
    if (!p.pre || p.w.some((w) => w.e !== w.f)) return null;
    if (p.w.length === 1 && !p.b.length) return p.w[0].f;
    return p.w.length === 2 && p.b.length === 1 && p.b[0].f === p.w[0].f + ' ' + p.w[1].f ? p.b[0].f : null;
  }

  // Runs a query with load(path) -> Promise<JSON>; returns {p, man, ranked, total, partial,
  // rec(d) -> Promise<record>}. `partial`: ranked holds only the precomputed first page
  // (query(load, q, true) gives the rest).
  async function query(load, q, full) {
    var man = await load('manifest.json'), p = parse(man.lang, q), W = man.w, need = [new Set(), new Set()], T = Object.create(null), i, L, key, sh, a, recs;
    var res = { p: p, man: man, ranked: [], total: 0, partial: false };
    res.rec = async (d) => (await load(man.h + '/d/' + Math.floor(d / man.c) + '.json'))[d % man.c];
    if (!p.w.length) return res;
    key = full ? null : answerKey(p);
    if (key !== null && man.a) {
      sh = await load(man.h + '/a/' + shardOf(man.a, key) + '.json');
      a = Object.prototype.hasOwnProperty.call(sh[1], key) ? sh[1][key] : null;
      if (a) {
        recs = new Map(a[1].map((r) => { var t = sh[0][r[0]]; return [r[0], [t[0], t[1], t[2], [r[2]]]]; }));
        res.ranked = a[1].map((r) => [r[0], r[1]]);
        res.total = a[0];
        res.partial = a[0] > a[1].length;
        var store = res.rec;
        res.rec = (d) => (recs.has(d) ? Promise.resolve(recs.get(d)) : store(d));
        return res;
      }
    }
    p.w.forEach((w) => { need[0].add(shardOf(W, w.f)); });
    L = p.w[p.w.length - 1].f; i = shardOf(W, L);
    if (p.pre && Array.from(L).length >= 2 && i + 1 < W.length && W[i + 1].startsWith(L)) need[0].add(i + 1);
    p.b.forEach((b) => { need[1].add(shardOf(man.b, b.f)); });
    (await Promise.all([].concat.apply([], need.map((set, j) => {
      return Array.from(set).sort((a, b) => a - b).map((k) => load(man.h + '/' + 'wb'[j] + '/' + k + '.json'));
    })))).forEach((sh) => { Object.assign(T, sh); });
    res.ranked = rank(T, p, man.n, man.m);
    res.total = res.ranked.length;
    return res;
  }

  var api = { tokenize: tokenize, fold: fold, tone: tone, stem: stem, parse: parse, query: query };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  // ---- browser ----
  var box = document.getElementById('search-results'), input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  if (!box || !input) return;
  var ds = box.dataset, lang = ds.lang || 'vi', base = new URL(ds.manifest, location.href), cache = {}, seq = 0, timer;

  function load(path) {
    var u = new URL(path, base).href;
    return cache[u] || (cache[u] = fetch(u, path === 'manifest.json' ? { cache: 'no-cache' } : {}).then((r) => {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).catch((e) => { delete cache[u]; throw e; }));
  }

  function el(tag, text, attrs) {
    var n = document.createElement(tag);
    if (text) n.textContent = text;
    Object.keys(attrs || {}).forEach((k) => { n.setAttribute(k, attrs[k]); });
    return n;
  }

  // Appends text to node with the words matching the query wrapped in <mark>; returns the match count.
  function marked(node, text, p) {
    var last = 0, hits = 0, lastW = p.w[p.w.length - 1];
    for (var m of text.matchAll(WORD)) {
      var f = forms(lang, m[0])[0];
      if (p.w.some((w) => w.f === f || (p.pre && w === lastW && f.startsWith(w.f)))) {
        node.append(text.slice(last, m.index), el('mark', m[0]));
        last = m.index + m[0].length; hits++;
      }
    }
    node.append(text.slice(last));
    return hits;
  }

  function say(msg, vars) {
    status.textContent = msg.replace(/\{(\w)\}/g, (_, k) => vars[k]);
  }

  function help(q) {
    var ul = el('ul');
    say(ds.msgNone || '', { q: q });
    [['finderUrl', 'finderLabel'], ['hotlinesUrl', 'hotlinesLabel']].forEach((k) => {
      var li = el('li');
      li.append(el('a', ds[k[1]], { href: ds[k[0]] }));
      if (ds[k[0]]) ul.append(li);
    });
    box.append(el('p', ds.msgHelp), ul);
  }

  async function show(res, ol, from, my) {
    if (res.partial && res.ranked.length < from + PAGE) Object.assign(res, await query(load, res.q, true));
    var top = res.ranked.slice(from, from + PAGE), recs = await Promise.all(top.map((r) => res.rec(r[0])));
    if (my !== seq) return;
    recs.forEach((r) => {
      var li = el('li'), a = el('a', '', { href: r[0] }), sn = el('p'), ex = r[3] || [], bestEx = ex[0] || '', n = -1;
      marked(a, r[1], res.p);
      ex.forEach((t) => { var k = marked(el('p'), t, res.p); if (k > n) { n = k; bestEx = t; } });
      marked(sn, bestEx, res.p);
      li.append(a, ' ', el('span', ds['kind' + (res.man.kinds[r[2]] || '').replace(/^./, (c) => c.toUpperCase())] || res.man.kinds[r[2]] || '', { class: 'kind' }), sn);
      ol.append(li);
    });
    var more = box.querySelector('button');
    if (more) more.remove();
    if (res.total > from + PAGE) {
      more = el('button', ds.msgMore || (lang === 'vi' ? 'Xem thêm' : 'More results'), { type: 'button' });
      more.onclick = () => { show(res, ol, from + PAGE, seq).then(() => { ol.children[from + PAGE].firstChild.focus(); }); };
      box.append(more);
    }
  }

  async function run(q, push) {
    var my = ++seq, res, ol;
    if (push) {
      var u = new URL(location.href);
      if (q) u.searchParams.set('q', q); else u.searchParams.delete('q');
      history.replaceState(null, '', u);
    }
    if (!q.trim()) { box.textContent = ''; status.textContent = ''; return; }
    try { res = await query(load, q); res.q = q; } catch (e) { res = null; }
    if (my !== seq) return;
    box.textContent = '';
    if (!res || !res.ranked.length) return help(q);
    var n = res.total;
    say(n === 1 ? ds.msgOne || '1' : ds.msgCount || '{n}', { n: n });
    ol = box.appendChild(el('ol'));
    try { await show(res, ol, 0, my); } catch (e) { if (my === seq) help(q); }
  }

  function links() { return Array.from(box.querySelectorAll('li > a')); }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { run(input.value, true); }, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length) { e.preventDefault(); links()[0].focus(); }
  });
  box.addEventListener('keydown', (e) => {
    var l = links(), i = l.indexOf(document.activeElement);
    if (i < 0 || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    (e.key === 'ArrowDown' ? l[Math.min(i + 1, l.length - 1)] : i ? l[i - 1] : input).focus();
  });
  if (input.form) input.form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); run(input.value, true); });
  var q0 = new URLSearchParams(location.search).get('q') || '';
  if (q0) { input.value = q0; run(q0, false); }
})();
