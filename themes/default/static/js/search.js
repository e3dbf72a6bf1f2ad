/* minh search: tokenizer and ranking mirror crates/minh-search (tokenize.rs, query.rs); keep them in step. */
(() => {
  'use strict';
  var TONES = '\u0300\u0301\u0303\u0309\u0323', BRK = '.!?;:…,()[]{}|"“”«»–—';
  var VOW = 'aăâeêioôơuưy', MARKED = 'ăâêôơư';
  var STOP = { en: 'a an and are as at be by for from in is it of on or that the this to was were with'.split(' '), vi: [] };
  var WORD = /[\p{Alphabetic}\p{M}\p{N}]+/gu, MARK = /[\u0300-\u036f]/;
  var PRE = 0.7, EXACT = 2, PHRASE = 1.5, SLIP = 0.5, PAGE = 10;
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


  // ---- query rewriting: mirrors crates/minh-search/src/rewrite.rs ----
  var ONSETS = 'ngh ng nh ch gh gi kh ph qu th tr b c d g h k l m n p r s t v x'.split(' ').concat(['']);
  var OPEN = 'ai ao au ay eo eu iu oi ui uu ieu yeu oai oay oeo uay uoi uyu uou'.split(' ');
  var NUC = 'a e i o u y ia ie oa oe oo ua ue uo uy ye uya uye'.split(' ');
  var CODA = 'ch ng nh c m n p t'.split(' ');
  var CIRC = '\u0302', BREVE = '\u0306', HORN = '\u031b';
  var TKEYS = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323', 1: '\u0301', 2: '\u0300', 3: '\u0309', 4: '\u0303', 5: '\u0323' };

  function rime(r) {
    return OPEN.includes(r) || NUC.some((n) => r.startsWith(n) && (r === n || CODA.includes(r.slice(n.length))));
  }

  // Whether a lowercase folded word has the shape of a Vietnamese syllable.
  function isSyl(f) {
    if (!/^[a-z]+$/.test(f)) return false;
    return ONSETS.some((o) => {
      if (!f.startsWith(o)) return false;
      var r = f.slice(o.length);
      return rime(r) || (o === 'gi' && (r === '' || rime('i' + r)));
    });
  }

  function putMark(sl, bases, mark) {
    for (var i = sl.length - 1; i >= 0; i--) if (bases.includes(sl[i].b) && !sl[i].m) { sl[i].m = mark; return true; }
    return false;
  }

  function putHorn(sl, breveA) {
    for (var i = sl.length - 1; i >= 1; i--) {
      if (sl[i - 1].b === 'u' && sl[i].b === 'o' && !sl[i].m) { sl[i - 1].m = HORN; sl[i].m = HORN; return true; }
    }
    return putMark(sl, 'uo', HORN) || (breveA && putMark(sl, 'a', BREVE));
  }

  // One word typed with Telex/VNI keys (or VIQR ^ + *) left in, read as Vietnamese; else null.
  function decodeKeys(word) {
    var l = word.toLowerCase(), sl = [], t = null, read = false, out = '', toned, i, c, last, hasV, key;
    if (isSyl(fold(l))) return null;
    var cs = Array.from(l.normalize('NFD'));
    for (i = 0; i < cs.length; i++) {
      c = cs[i]; last = sl[sl.length - 1]; hasV = sl.some((x) => 'aeiouy'.includes(x.b));
      if (TONES.includes(c)) { t = c; continue; }
      if (c === CIRC || c === BREVE || c === HORN) { if (last) last.m = c; continue; }
      if (c === 'đ') { sl.push({ b: 'd', m: 'đ' }); continue; }
      if ((c === 'd' || c === '9') && last && last.b === 'd' && !last.m) { last.m = 'đ'; key = true; }
      else if ('aeo'.includes(c) && last && last.b === c && !last.m) { last.m = CIRC; key = true; }
      else if (c === 'w') { if (!putHorn(sl, true)) sl.push({ b: 'u', m: HORN }); key = true; }
      else if (c === '6' || c === '^') key = putMark(sl, 'aeo', CIRC);
      else if (c === '7' || c === '+' || c === '*') key = putHorn(sl, false);
      else if (c === '8') key = putMark(sl, 'a', BREVE);
      else if ((c === 'z' || c === '0') && hasV) { t = null; key = true; }
      else if (Object.prototype.hasOwnProperty.call(TKEYS, c) && hasV) { t = TKEYS[c]; key = true; }
      else key = false;
      if (key) read = true;
      else if (/^[a-z]$/.test(c)) sl.push({ b: c, m: null });
      else return null;
    }
    if (!read) return null;
    toned = t === null;
    sl.forEach((x) => {
      out += x.m === 'đ' ? 'đ' : x.b + (x.m || '');
      if (!toned && 'aeiouy'.includes(x.b)) { out += t; toned = true; }
    });
    out = tone(nfc(out));
    return isSyl(fold(out)) ? out : null;
  }

  // The query with every decodable run of letters, digits, ^ + * decoded; null when none was.
  function decodeQuery(lang, q) {
    if (lang !== 'vi') return null;
    var out = '', run = '', changed = false, d;
    var flush = () => { d = run ? decodeKeys(run) : null; if (d !== null) { out += d; changed = true; } else out += run; run = ''; };
    for (var c of nfc(q)) {
      if (/[\p{Alphabetic}\p{N}]/u.test(c) || ('^+*'.includes(c) && run)) run += c;
      else { flush(); out += c; }
    }
    flush();
    return changed ? out : null;
  }

  // Whether a and b differ by one letter substituted, inserted, deleted, or two neighbours swapped.
  function oneSlip(a, b) {
    a = Array.from(a); b = Array.from(b);
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    var ra = a.slice(i).join(''), rb = b.slice(i).join(''), A = a.slice(i), B = b.slice(i);
    if (ra === rb) return false;
    if (A.length === B.length) return A.slice(1).join('') === B.slice(1).join('') || (A.length >= 2 && A[0] === B[1] && A[1] === B[0] && A.slice(2).join('') === B.slice(2).join(''));
    if (A.length === B.length + 1) return A.slice(1).join('') === rb;
    if (A.length + 1 === B.length) return ra === B.slice(1).join('');
    return false;
  }

  // Edit distance with adjacent swaps.
  function distance(a, b) {
    a = Array.from(a); b = Array.from(b);
    var w = b.length + 1, d = [], i, j, v;
    for (i = 0; i <= a.length; i++) {
      for (j = 0; j <= b.length; j++) {
        if (!i || !j) v = i + j;
        else {
          v = Math.min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + (a[i - 1] !== b[j - 1] ? 1 : 0));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * w + j - 2] + 1);
        }
        d[i * w + j] = v;
      }
    }
    return d[a.length * w + b.length];
  }

  function maySlip(lang, f) { return Array.from(f).length >= 4 && (lang !== 'vi' || !isSyl(f)); }

  // The manifest's place table: {n: [[name, folded, current, link]], s: {spelling: place}, x: [before], y: [after]}.
  function places(man) {
    var pl = man.pl || {}, s = pl.s || {};
    return { n: pl.n || [], s: s, x: pl.x || [], y: pl.y || [], longest: Math.max(0, ...Object.keys(s).map((k) => k.split(' ').length)) };
  }

  function adminAt(list, ws, i) {
    var out = [0];
    list.forEach((a) => { var n = a.split(' ').length; if (i + n <= ws.length && ws.slice(i, i + n).join(' ') === a) out.push(n); });
    return out.sort((a, b) => b - a);
  }

  // [end, place, bare] of the place spelled at word i, or null.
  function matchAt(P, ws, i) {
    var as = adminAt(P.x, ws, i), k, s, len, key;
    for (k = 0; k < as.length; k++) {
      s = i + as[k];
      for (len = Math.min(P.longest, ws.length - s); len >= 1; len--) {
        key = ws.slice(s, s + len).join(' ');
        if (Object.prototype.hasOwnProperty.call(P.s, key)) {
          var after = adminAt(P.y, ws, s + len)[0];
          return [s + len + after, P.s[key], as[k] === 0 && after === 0];
        }
      }
    }
    return null;
  }

  function wordTokens(lang, t) { return tokenize(lang, t).filter((x) => x.kind === 'w').map((x) => [x.folded, x.exact]); }

  // {q, show, places, changed}: keystrokes decoded, place spellings read as the place's name.
  function readQuery(lang, q, P) {
    var dec = decodeQuery(lang, q), ws = wordTokens(lang, dec === null ? q : dec), typed = wordTokens(lang, q).map((w) => w[1]);
    var r = { q: q, show: q, places: [], changed: dec !== null }, qs = [], shows = [], i = 0, m, name;
    var searched = (w) => (typed.includes(w[1]) ? w[1] : w[0]);
    var folded = ws.map((w) => w[0]);
    while (i < ws.length) {
      m = matchAt(P, folded, i);
      if (!m) { qs.push(searched(ws[i])); shows.push(ws[i][1]); i++; continue; }
      name = P.n[m[1]][1];
      if (m[2] && folded.slice(i, m[0]).join(' ') === name) {
        ws.slice(i, m[0]).forEach((w) => { qs.push(searched(w)); });
        // A place typed with keys left in is shown by its name ("dongf thaps": Đồng Tháp).
        if (ws.slice(i, m[0]).every((w) => typed.includes(w[1]))) ws.slice(i, m[0]).forEach((w) => { shows.push(w[1]); });
        else shows.push(P.n[m[1]][0]);
      } else { r.changed = true; qs.push(name); shows.push(P.n[m[1]][0]); }
      r.places.push(m[1]);
      i = m[0];
    }
    if (r.changed) { r.q = qs.join(' '); r.show = shows.join(' '); }
    return r;
  }

  // The answer key to use instead of a key with no answer: one slip in one word that may hold one.
  function slippedKey(lang, A, key, next) {
    var has = (k) => Object.prototype.hasOwnProperty.call(A, k), ks = Object.keys(A), ws = key.split(' '), best = null;
    if (has(key) || (next && next.startsWith(key)) || ks.some((k) => k.startsWith(key))) return null;
    ks.forEach((k) => {
      var o = k.split(' '), diff = [], t;
      if (o.length !== ws.length) return;
      ws.forEach((w, i) => { if (w !== o[i]) diff.push(i); });
      if (diff.length !== 1 || !maySlip(lang, ws[diff[0]]) || !oneSlip(ws[diff[0]], o[diff[0]])) return;
      t = A[k][0];
      if (!best || t > best[0] || (t === best[0] && k < best[1])) best = [t, k];
    });
    return best && best[1];
  }

  // Whether the answers may hold key or the key slippedKey would take instead: always, unless key
  // has two words and the manifest lists every answered key of two words (K2) without it or one a slip away.
  function mayBeAnswered(lang, K2, key) {
    var ws = key.split(' ');
    if (!K2 || ws.length !== 2) return true;
    return K2.some((k) => {
      var o = k.split(' '), diff = [0, 1].filter((i) => o[i] !== ws[i]);
      return o.length === 2 && (!diff.length || (diff.length === 1 && maySlip(lang, ws[diff[0]]) && oneSlip(ws[diff[0]], o[diff[0]])));
    });
  }

  var typing = (q) => /[\p{Alphabetic}\p{N}]$/u.test(nfc(q));

  function parse(lang, q, pre) {
    var p = { w: [], b: [], pre: pre === undefined ? typing(q) : pre };
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

  // Sorted terms front-coded (index.rs front_coded): per term, '0' + the number of characters it
  // shares with the term before, then the rest of it; joined by '|'.
  function unfront(s) {
    var out = [], prev = [];
    s.split('|').forEach((x) => { var c = Array.from(x); prev = prev.slice(0, c[0].charCodeAt(0) - 48).concat(c.slice(1)); out.push(prev.join('')); });
    return out;
  }

  // The first terms of the shards and of the parts of words (0) and bigrams (1): manifest w/b
  // (the number of parts of each shard) and wp/bp (their first terms, front-coded); read once.
  function shardStarts(man) {
    return man.S || (man.S = [[man.w, man.wp], [man.b, man.bp]].map((x) => {
      var parts = unfront(x[1]), first = 0;
      return [x[0].map((n) => { var s = parts[first]; first += n; return s; }), parts];
    }));
  }

  function deltas(a) { var d = 0; return a.map((x) => (d += x)); }

  // A shard's [df, "doc deltas", "impacts", variants?]: printable ASCII digits (digits.rs), each
  // doc delta in base 46 (digits of the second half go on, one of the first half ends it).
  // A digit's value: its place among the printable ASCII characters but the quote and backslash (digits.rs's
  // `digit`; computed, not looked up in a written-out alphabet, so that no run of figures such as
  // a statistic's hidden value ever appears in this file).
  function dig(c) { var x = c.charCodeAt(0); return x === 33 ? 0 : x <= 91 ? x - 34 : x - 35; }
  function entry(v) {
    var p = [], d = 0, n = 0, i, k;
    for (i = 0; i < v[1].length; i++) {
      k = dig(v[1][i]);
      if (k >= 46) { n = n * 46 + k - 46; continue; }
      d += n * 46 + k; n = 0;
      p.push([d, dig(v[2][p.length])]);
    }
    return { df: v[0], p: p, v: v[3] };
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

  // Ranked [doc, score] pairs: per word its best match, plus phrase matches, times coordination;
  // a word not indexed also matches indexed words one slip away (documents matched only so rank last).
  function rank(T, p, n, m, lang) {
    var tot = new Map(), lastW = p.w[p.w.length - 1], out = [], alts = [];
    var get = (k) => T[k] && (T[k].p ? T[k] : (T[k] = entry(T[k])));
    p.w.forEach((t) => {
      var ms = [], k, sl = [], acc, fz;
      if (get(t.f)) ms.push([get(t.f), 1, t.e !== t.f && t.e]);
      // A last word that is already a whole word leans less on its completions.
      var pw = ms.length ? PRE / 2 : PRE;
      if (p.pre && t === lastW) for (k in T) if (k.startsWith(t.f) && k !== t.f && !k.includes(' ')) ms.push([get(k), pw]);
      if (!ms.length && !get(t.f) && maySlip(lang, t.f)) sl = Object.keys(T).filter((k) => !k.includes(' ') && oneSlip(t.f, k)).sort();
      alts.push(sl);
      acc = best(ms, n, m);
      fz = best(sl.map((k) => [get(k), SLIP]), n, m);
      fz.forEach((s, d) => { if (!acc.has(d)) acc.set(d, -s); });
      acc.forEach((s, d) => { var v = tot.get(d) || [0, 0, 0]; v[0] += Math.abs(s); v[1]++; v[2] += s > 0 ? 1 : 0; tot.set(d, v); });
    });
    p.b.forEach((x, i) => {
      var ms = [], k, b = x.f, sp = b.indexOf(' '), bx = b.slice(0, sp), by = b.slice(sp + 1);
      var alt = (w) => alts[p.w.findIndex((v) => v.f === w)] || [];
      if (get(b)) ms.push([get(b), PHRASE]);
      if (p.pre && i === p.b.length - 1 && b.endsWith(' ' + lastW.f)) {
        for (k in T) if (k.startsWith(b) && k !== b && k.split(' ').length === 2) ms.push([get(k), PHRASE * PRE]);
      }
      alt(bx).map((a) => a + ' ' + by).concat(alt(by).map((a) => bx + ' ' + a)).forEach((k) => { if (get(k)) ms.push([get(k), PHRASE * SLIP]); });
      best(ms, n, m).forEach((s, d) => { var v = tot.get(d); if (v) v[0] += s; });
    });
    tot.forEach((v, d) => { out.push([d, v[0] * Math.pow(v[1] / Math.max(p.w.length, 1), 2), v[2] > 0 ? 1 : 0]); });
    return out.sort((a, b) => b[2] - a[2] || b[1] - a[1] || a[0] - b[0]).map((x) => [x[0], x[1]]);
  }

  // The query's words, each word matched only through slips replaced by its most frequent indexed word; else null.
  function slipReading(lang, T, p) {
    var slipped = false, ws = p.w.map((w, i) => {
      var done = p.pre && i === p.w.length - 1 && Object.keys(T).some((t) => t.startsWith(w.f) && t !== w.f && !t.includes(' '));
      var alts = done || T[w.f] || !maySlip(lang, w.f) ? [] : Object.keys(T).filter((k) => !k.includes(' ') && oneSlip(w.f, k)).sort(), best = null;
      alts.forEach((t) => { var df = T[t].p ? T[t].df : T[t][0]; if (!best || df > best[0]) best = [df, t]; });
      if (best) slipped = true;
      return best ? best[1] : w.e;
    });
    return slipped ? ws.join(' ') : null;
  }

  // The nearest indexed words to the query's words (at most 3, within a third of the word's length).
  function suggestions(p, T) {
    var found = [], out = [];
    p.w.forEach((w) => {
      var len = Array.from(w.f).length, max = Math.max(Math.floor(len / 3), 1), d;
      if (len < 3) return;
      Object.keys(T).forEach((t) => {
        if (t.includes(' ') || t === w.f) return;
        d = distance(w.f, t);
        if (d <= max) found.push([d, -(T[t].p ? T[t].df : T[t][0]), t]);
      });
    });
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    found.forEach((f) => { if (!out.includes(f[2]) && out.length < 3) out.push(f[2]); });
    return out;
  }

  // The key of a query one precomputed answer serves: one word, or two as their bigram, typed
  // without diacritics that matter, still being typed (prefix); else null.
  // Also a combination of the manifest's phrases and place names (Q = man.q: a phrase then a
  // name or another phrase, or a name then a phrase), every two neighbouring words a bigram of the query.
  function answerKey(p, P, Q) {
    if (!p.pre || p.w.some((w) => w.e !== w.f)) return null;
    if (p.w.length === 1 && !p.b.length) return p.w[0].f;
    if (p.w.length === 2 && p.b.length === 1 && p.b[0].f === p.w[0].f + ' ' + p.w[1].f) return p.b[0].f;
    var ws = p.w.map((w) => w.f), k = ws.join(' '), n = ws.length;
    if (p.w.length > 2 && P.n.some((x) => x[1] === k)) return k;
    if (!Q || n < 3 || p.b.length + 1 !== n || p.b.some((b, i) => b.f !== ws[i] + ' ' + ws[i + 1])) return null;
    var phrase = (x) => x.length === 2 && Q[0].includes(x.join(' ')), name = (x) => Q[1].includes(x.join(' '));
    var head = ws.slice(0, 2), rest = ws.slice(2), front = ws.slice(0, n - 2), tail = ws.slice(n - 2);
    return (phrase(head) && (name(rest) || phrase(rest))) || (phrase(tail) && name(front)) ? k : null;
  }

  // The parts (indexes into Y, their first terms) of the shards S (indexes into X, their first
  // terms); every shard's first term starts a part.
  function partsOf(X, Y, S) {
    var out = [], first = (j) => { var lo = 0, hi = Y.length, mid; if (j >= X.length) return hi; while (lo < hi) { mid = (lo + hi) >> 1; if (Y[mid] < X[j]) lo = mid + 1; else hi = mid; } return lo; };
    S.forEach((i) => { for (var k = first(i); k < first(i + 1); k++) out.push(k); });
    return out;
  }

  // The parts a query needs: the one holding each key, and every part of shards S that may hold a
  // term pre starts (from a to the next part's b: a sorts before pre or starts with it, b after pre).
  function needParts(X, Y, S, keys, pre) {
    var out = new Set(keys.map((k) => shardOf(Y, k)));
    if (pre !== null) partsOf(X, Y, S).forEach((k) => { var a = Y[k], b = Y[k + 1]; if ((a < pre || a.startsWith(pre)) && (b === undefined || b > pre)) out.add(k); });
    return out;
  }

  // Whether the i-th word may hold a slip and matched nothing (no entry, no completion).
  function unmatchedAt(T, p, lang, i) {
    var w = p.w[i];
    return !T[w.f] && !(p.pre && i === p.w.length - 1 && Object.keys(T).some((t) => t.startsWith(w.f) && !t.includes(' '))) && maySlip(lang, w.f);
  }

  // The parts the whole shards would add to the ranking (V: every word of the query's word
  // shards; SB: the query's bigram shards): those holding the words one slip from a word that
  // matched nothing, the words to suggest when nothing matched (none), and the query's bigrams
  // with a word replaced by one of its slips.
  function slipParts(T, p, V, lang, none, man, SB) {
    var alts = p.w.map((w, i) => (unmatchedAt(T, p, lang, i) ? V.filter((t) => oneSlip(w.f, t)) : []));
    var ws = [].concat.apply([], alts), bs = [], alt = (v) => alts[p.w.findIndex((u) => u.f === v)] || [];
    if (none) p.w.forEach((w) => {
      var len = Array.from(w.f).length, max = Math.max(Math.floor(len / 3), 1);
      if (len >= 3) V.forEach((t) => { if (t !== w.f && distance(w.f, t) <= max) ws.push(t); });
    });
    p.b.forEach((b) => {
      var sp = b.f.indexOf(' '), x = b.f.slice(0, sp), y = b.f.slice(sp + 1);
      alt(x).forEach((a) => bs.push(a + ' ' + y));
      alt(y).forEach((a) => bs.push(x + ' ' + a));
    });
    var XY = shardStarts(man);
    return [new Set(ws.map((t) => shardOf(XY[0][1], t))), new Set(bs.filter((t) => SB.has(shardOf(XY[1][0], t))).map((t) => shardOf(XY[1][1], t)))];
  }

  // Runs a query with load(path) -> Promise<JSON>; returns {p, man, ranked, total, partial,
  // rec(d) -> Promise<record>}. `partial`: ranked holds only the precomputed first page
  // (query(load, q, true) gives the rest).
  async function query(load, q, full) {
    var man = await load('manifest.json'), P = places(man), rd = readQuery(man.lang, q, P), p = parse(man.lang, rd.q, typing(q));
    var XY = shardStarts(man), W = XY[0][0], need = [new Set(), new Set()], T = Object.create(null), i, L, key, sh, a, recs, slip;
    var res = { p: p, man: man, ranked: [], total: 0, partial: false, reading: rd.changed ? rd.show : null, places: rd.places, suggest: [] };
    res.rec = async (d) => (await load(man.h + '/d/' + Math.floor(d / man.c) + '.json'))[d % man.c];
    if (!p.w.length) return res;
    key = full ? null : answerKey(p, P, man.q);
    if (key !== null && man.a && mayBeAnswered(man.lang, man.k2, key)) {
      i = shardOf(man.a, key);
      sh = await load(man.h + '/a/' + i + '.json');
      slip = slippedKey(man.lang, sh[1], key, man.a[i + 1]);
      if (slip) { key = slip; res.reading = slip; }
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
    p.b.forEach((b) => { need[1].add(shardOf(XY[1][0], b.f)); });
    // The parts of those shards holding the query's terms and the completions of the word being typed.
    var B = p.b[p.b.length - 1], pre = [p.pre ? L : null, p.pre && B && B.f.endsWith(' ' + L) ? B.f : null];
    var got = new Set();
    var fetchParts = (sets, more) => Promise.all([].concat.apply([], sets.map((set, j) => Array.from(set).sort((a, b) => a - b).filter((k) => !got.has(j + '/' + k)).map((k) => {
      got.add(j + '/' + k);
      return load(man.h + '/' + 'wb'[j] + '/' + k + '.json').then((sh) => { Object.assign(T, sh); });
    }))).concat(more || []));
    // With them, when a word may hold a slip, the words of the query's word shards (t/): the
    // parts holding its slips (or, when nothing matches, the words to suggest) are all the rest needs.
    var lists = p.w.some((w) => maySlip(man.lang, w.f)) ? Array.from(need[0]) : [], V = [];
    await fetchParts([0, 1].map((j) => needParts(XY[j][0], XY[j][1], need[j], (j ? p.b : p.w).map((x) => x.f), pre[j])),
      lists.map((k) => load(man.h + '/t/' + k + '.json').then((l) => { V = V.concat(l); })));
    res.ranked = rank(T, p, man.n, man.m, man.lang);
    var rest = lists.length ? slipParts(T, p, V, man.lang, !res.ranked.length, man, need[1])
      // Nothing matched and no word may hold a slip: suggestions look at every term of the shards.
      : [0, 1].map((j) => new Set(res.ranked.length ? [] : partsOf(XY[j][0], XY[j][1], need[j])));
    rest = rest.map((set, j) => new Set(Array.from(set).filter((k) => !got.has(j + '/' + k))));
    if (rest[0].size + rest[1].size) {
      // The stores of the first results so far come along (a slip seldom changes them).
      await fetchParts(rest, res.ranked.slice(0, PAGE).map((r) => res.rec(r[0]).catch(() => null)));
      res.ranked = rank(T, p, man.n, man.m, man.lang);
    }
    res.total = res.ranked.length;
    res.reading = slipReading(man.lang, T, p) || res.reading;
    if (!res.total) res.suggest = suggestions(p, T);
    return res;
  }

  var api = { tokenize: tokenize, fold: fold, tone: tone, stem: stem, parse: parse, query: query, decodeQuery: decodeQuery, readQuery: readQuery, places: places };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  // ---- browser ----
  var box = document.getElementById('search-results'), input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  if (!box || !input) return;
  var ds = box.dataset, lang = ds.lang || 'vi', base = new URL(ds.manifest, location.href), cache = {}, seq = 0, timer;
  // The manifest the page carries (data-index, made with the index): a query's first round trip
  // is then its shards. Dropped for manifest.json when the page is older than the site's index.
  var carried = null;
  try { carried = ds.index ? JSON.parse(ds.index) : null; } catch (e) { carried = null; }

  // Fetches one index file as JSON. The manifest is the page's, else plain manifest.json; it
  // names the suffix of every other file (z: ".gz"), stored gzip-compressed and inflated here,
  // unless the host already did (Content-Encoding), which the missing gzip magic bytes tell.
  var suffix = '';
  function load(path) {
    var man = path === 'manifest.json', u = new URL(man ? path : path + suffix, base).href;
    if (man && carried) { suffix = carried.z || ''; return Promise.resolve(carried); }
    return cache[u] || (cache[u] = fetch(u, man ? { cache: 'no-cache' } : {}).then((r) => {
      if (!r.ok) throw new Error(r.status);
      return man ? r.json().then((m) => { suffix = m.z || ''; return m; }) : r.arrayBuffer().then(inflate);
    }).catch((e) => { delete cache[u]; throw e; }));
  }

  async function inflate(buf) {
    var b = new Uint8Array(buf);
    if (b[0] === 0x1f && b[1] === 0x8b) {
      if (typeof DecompressionStream === 'undefined') throw new Error('old');
      buf = await new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    }
    return JSON.parse(new TextDecoder().decode(buf));
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

  // Says which reading was searched and where the places named are now (with the finder there).
  function reading(res) {
    var seen = [];
    if (res.reading) box.append(el('p', (ds.msgReading || '{r}').replace('{r}', res.reading), { class: 'search-reading' }));
    (res.places || []).forEach((i) => {
      var P = res.man.pl.n, pl = P[i], cur = P[pl[2]], p;
      if (!cur || seen.includes(pl[2])) return;
      seen.push(pl[2]);
      p = el('p', pl[2] !== i ? (ds.msgPlace || '').replace('{p}', pl[0]).replace('{c}', cur[0]) + ' ' : '', { class: 'search-place' });
      if (ds.finderUrl) p.append(el('a', (ds.msgPlaceLink || '{c}').replace('{c}', cur[0]), { href: ds.finderUrl + '?province=' + encodeURIComponent(cur[3]) }));
      box.append(p);
    });
  }

  function help(q, res, why) {
    var ul = el('ul'), sug;
    say(why || ds.msgNone || '', { q: q });
    if (res) reading(res);
    if (res && res.suggest && res.suggest.length) {
      sug = el('p', (ds.msgSuggest || '') + ' ', { class: 'search-suggest' });
      res.suggest.forEach((w, i) => { sug.append(i ? ', ' : '', el('a', w, { href: '?q=' + encodeURIComponent(w) })); });
      box.append(sug);
    }
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
    try { res = await query(load, q); res.q = q; } catch (e) { if (stale(e, my)) return run(q, false); res = e.message === 'old' ? 'old' : null; }
    if (my !== seq) return;
    box.textContent = '';
    if (res === 'old') return help(q, null, ds.msgOld);
    if (!res || !res.ranked.length) return help(q, res);
    var n = res.total;
    say(n === 1 ? ds.msgOne || '1' : ds.msgCount || '{n}', { n: n });
    reading(res);
    ol = box.appendChild(el('ol'));
    try { await show(res, ol, 0, my); } catch (e) { if (stale(e, my)) return run(q, false); if (my === seq) help(q); }
  }

  // Whether query `my` failed for want of files the page's manifest names (a page older than the
  // site's index: a cached copy, or one opened before a rebuild, asks for content-hashed paths
  // that are gone): then the manifest is dropped, so that running the query again fetches the
  // site's manifest.json: on an HTTP error (404) or a file that is not the JSON asked for (a host
  // answering a missing path with a page). Once only; a network failure (TypeError: offline) and
  // a browser without gzip streams ('old') are no such case.
  function stale(e, my) {
    if (!carried || my !== seq || e.message === 'old' || e instanceof TypeError) return false;
    carried = null;
    return true;
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
  // The manifest (which shard holds which word, the places), when the page does not carry it, is
  // fetched as the page opens, while the resident types: a query then waits only for its
  // answer or its shards.
  load('manifest.json').catch(() => {});
  var q0 = new URLSearchParams(location.search).get('q') || '';
  if (q0) { input.value = q0; run(q0, false); }
})();
