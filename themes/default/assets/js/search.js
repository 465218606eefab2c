/*
 * playbook default theme: search as you type, in the browser, offline.
 *
 * The build writes each language's index under search/<lang>/ as scripts
 * that push [key, data] onto self.playbookSearch (see generator/search):
 *   index.js   the manifest: the shards of the two indexes and the number
 *              of sections of each page chunk;
 *   h/<n>.js   the titles, tags and headings as an inverted index split by
 *              term prefix;
 *   t/<n>.js   the body text, likewise;
 *   p/<n>.js   the URL, title and headings of a few pages, for the results
 *              shown;
 *   f/<n>.js   the text of page n's sections, for the snippets shown.
 * A query loads only the shards of its terms, which are handed to
 * MiniSearch.loadJS, the chunks of the results it shows and the
 * fragments of the pages of those in view.
 * Loading them with <script> elements rather than fetch lets search work
 * from a web server and from files opened with file:// alike.
 *
 * Results list title and heading matches first, then body matches; each
 * links to the heading it matched. Case and diacritics are ignored:
 * fold() below and search.Fold in Go must stay the same.
 *
 * The first LIMIT results show; "Show more" adds the next ones. The other
 * languages' page lists are searched too, and a line offers their results
 * ("3 results in Svenska"). A result opened from the list carries the
 * query to its page (?q=), which marks the words found and scrolls to the
 * first, then drops the query from the address.
 *
 * Keys: "/" focuses the box, arrows move through the results, Enter opens
 * one, Escape clears and closes.
 */
(function () {
  "use strict";

  var box = document.querySelector(".search[data-index]");
  if (!box) return;
  var input = box.querySelector(".search-input");
  var panel = box.querySelector(".search-panel");
  var status = box.querySelector(".search-status");
  var list = box.querySelector(".search-results");
  if (!input || !panel || !status || !list) return;

  var root = box.getAttribute("data-index");
  var pageLang = box.getAttribute("data-lang") || "en";
  var lang = pageLang; // the language whose results the list shows
  // The site's other languages, "code=Name;…".
  var langs = (box.getAttribute("data-langs") || "").split(";").filter(Boolean).map(function (kv) {
    var i = kv.indexOf("=");
    return { code: kv.slice(0, i), name: kv.slice(i + 1) };
  });
  var libURL = box.getAttribute("data-lib");
  var fileMode = location.protocol === "file:";
  var LIMIT = 20;
  // Above this many bytes of shards, a short prefix is searched as a
  // whole word (and the words of its own shard) instead of loading every
  // shard it spans: a query's first download stays small.
  var PREFIX_BUDGET = 24 << 10;

  function label(name, values) {
    var s = box.getAttribute("data-label-" + name) || "";
    Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(values[k]); });
    return s;
  }

  /* ---- Terms: the same as search.Fold and search.Tokenize in Go ---- */
  // ASCII text, most of it, takes a shorter path with the same result.
  var ASCII = /^[\x00-\x7f]*$/;
  var LETTERS = { "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ς": "σ", "ı": "i" };
  function fold(term) {
    if (ASCII.test(term)) return term.toLowerCase();
    return term.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[ßæøœđłþςı]/g, function (c) { return LETTERS[c]; });
  }
  // Chinese and Japanese are written without spaces: a run of their
  // characters (each with the marks after it) gives each pair of
  // neighbours and, in the index, its last character alone, and the
  // letters around it are words of their own, as in search.Terms. A query
  // of one such character is looked up as a prefix, so it finds every
  // place; a longer one looks up its pairs only.
  var CJK_SET = "\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\u30fc"; // isCJK in Go
  var CJK = new RegExp("[" + CJK_SET + "]", "u");
  var CJK_CHARS = new RegExp("[" + CJK_SET + "]\\p{M}*", "gu");
  var CJK_RUNS = new RegExp("(?:[" + CJK_SET + "]\\p{M}*)+|[^" + CJK_SET + "]+", "gu");
  function pairs(word, out, index) {
    if (!CJK.test(word)) { out.push(word); return; }
    word.match(CJK_RUNS).forEach(function (run) {
      if (!CJK.test(run)) { out.push(run); return; }
      var cs = run.match(CJK_CHARS);
      for (var i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
      if (index || cs.length === 1) out.push(cs[cs.length - 1]);
    });
  }
  // oneChar reports whether a folded term is a single Chinese or Japanese
  // character.
  function oneChar(t) { return CJK.test(t) && Array.from(t).length === 1; }
  // asPrefix reports whether a folded term is looked up as a prefix: one
  // at least min long, or a single Chinese or Japanese character.
  function asPrefix(t, min) { return t.length >= min || oneChar(t); }
  // tokenize splits a query into words; with index, text as the index
  // has it, which the browser tests compare with search.Terms.
  function tokenize(text, index) {
    var out = [];
    var chunks = ASCII.test(text) ? text.match(/[A-Za-z0-9-]+/g) : text.match(/[\p{L}\p{N}\p{M}\-\u2010\u2011]+/gu);
    (chunks || []).forEach(function (chunk) {
      if (!/[-\u2010\u2011]/.test(chunk)) { pairs(chunk, out, index); return; }
      var parts = chunk.split(/[\-\u2010\u2011]+/).filter(Boolean);
      if (parts.length > 1) parts.push(parts.join(""));
      parts.forEach(function (p) { pairs(p, out, index); });
    });
    return out;
  }
  function slug(text) {
    return fold(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function now() { return window.performance && performance.now ? performance.now() : Date.now(); }
  function measure(name, start, end) {
    try { performance.measure(name, { start: start, end: end }); } catch (err) { /* old browsers */ }
  }

  /* ---- Loading the index files ---- */
  var loaded = {};
  var waiting = {};
  function receive(item) {
    var key = item[0];
    loaded[key] = item[1];
    (waiting[key] || []).forEach(function (w) { w.resolve(item[1]); });
    delete waiting[key];
  }
  var early = Array.isArray(self.playbookSearch) ? self.playbookSearch : [];
  // terms shows how a text is searched; the browser tests compare it with
  // search.Terms in Go.
  self.playbookSearch = {
    push: receive,
    terms: function (text) { return tokenize(text, true).map(fold).filter(Boolean); }
  };
  early.forEach(receive);

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  function load(key) {
    if (key in loaded) return Promise.resolve(loaded[key]);
    if (waiting[key]) {
      return new Promise(function (resolve, reject) { waiting[key].push({ resolve: resolve, reject: reject }); });
    }
    waiting[key] = [];
    var p = new Promise(function (resolve, reject) { waiting[key].push({ resolve: resolve, reject: reject }); });
    function fail(err) {
      (waiting[key] || []).forEach(function (w) { w.reject(err); });
      delete waiting[key];
    }
    // A script runs before its load event, so data still missing then
    // never comes.
    loadScript(root + key + ".js").then(function () {
      if (waiting[key]) fail(new Error("no data in " + key));
    }, fail);
    return p;
  }

  /* ---- Decoding postings (see generator/search/encode.go) ---- */
  // Numbers come as base-64 digits, five bits each: a "continue" digit
  // (32 and up) for every group but the last. A bitmap, marked "*", holds
  // one bit per section, six to a digit.
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var VALUE = [];
  for (var di = 0; di < DIGITS.length; di++) VALUE[DIGITS.charCodeAt(di)] = di;
  function varints(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var c = VALUE[s.charCodeAt(i)];
      if (c >= 32) { v = v * 32 + c - 32; } else { out.push(v * 32 + c); v = 0; }
    }
    return out;
  }
  function bitmap(s, each) {
    for (var i = 1; i < s.length; i++) {
      var c = VALUE[s.charCodeAt(i)];
      for (var b = 0; c; b++, c >>= 1) if (c & 1) each((i - 1) * 6 + b);
    }
  }
  // A body posting carries a weight level: the count that gives MiniSearch
  // the same BM25 weight at the average section length (levelBounds in Go).
  var TF = [0.5, 1, 1.73, 4.67];

  /* ---- A language's index ---- */
  // A language's state holds its manifest (index.js), the two indexes
  // (h: titles, tags and headings; t: body text), each with the shards it
  // loaded, the sections they name and the MiniSearch built over them, and
  // the sections whose page chunk came (secs).
  var indexes = {};
  function state(l) {
    if (indexes[l]) return indexes[l];
    return (indexes[l] = {
      lang: l, ready: null, secs: {}, chunks: {},
      h: { dir: "/h/", list: "titles", min: 2, fields: ["t", "k", "h", "p"], decode: decodeTitles, shards: {}, docs: {}, idx: null, have: "" },
      t: { dir: "/t/", list: "body", min: 3, fields: ["b"], decode: decodeBody, shards: {}, docs: {}, idx: null, have: "" }
    });
  }

  var OPTIONS = {
    idField: "id",
    tokenize: function (text) { return tokenize(text, false); },
    processTerm: function (t) { return fold(t) || null; }
  };

  // prepare loads MiniSearch and the language's manifest; search.js asks
  // for them when the box gets focus.
  function prepare(l) {
    var st = state(l || pageLang);
    if (st.ready) return st.ready;
    var lib = window.MiniSearch ? Promise.resolve() : loadScript(libURL);
    st.ready = Promise.all([lib, load(st.lang + "/index")]).then(function (r) {
      var meta = st.meta = r[1];
      // The first section of each page chunk.
      var starts = st.starts = [0];
      varints(meta.counts).forEach(function (n) { starts.push(starts[starts.length - 1] + n); });
      return st;
    });
    st.ready.catch(function () { st.ready = null; });
    return st.ready;
  }

  // before reports whether a sorts before b as Go sorts strings, by code
  // point: UTF-16 puts the surrogates of characters past U+FFFF below
  // U+E000-U+FFFF.
  function before(a, b) {
    for (var i = 0; i < a.length && i < b.length; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x === y) continue;
      var sx = x >= 0xd800 && x <= 0xdfff, sy = y >= 0xd800 && y <= 0xdfff;
      return sx === sy ? x < y : sy;
    }
    return a.length < b.length;
  }
  // shardAt returns the shard a term is in, or would be: the last whose
  // key (the shortest start of its first term that sorts after the term
  // before it) does not sort after the term.
  function shardAt(keys, t) {
    var lo = 0, hi = keys.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (before(t, keys[mid][0])) hi = mid - 1; else lo = mid;
    }
    return lo;
  }
  // shardsFor returns the shard numbers a query needs: for each term, the
  // shard it is in and, when the term is searched as a prefix, the shards
  // after it whose keys start with it, up to PREFIX_BUDGET bytes.
  function shardsFor(keys, terms, minPrefix) {
    var need = {};
    terms.forEach(function (t) {
      if (!keys.length) return;
      var own = shardAt(keys, t);
      need[own] = true;
      if (!asPrefix(t, minPrefix)) return;
      // The shards after it whose words start with it, in order, while
      // they stay within the budget: a short prefix, whose words fill
      // more, finds the first of them.
      for (var i = own + 1, size = 0; i < keys.length && keys[i][0].lastIndexOf(t, 0) === 0; i++) {
        if ((size += keys[i][1]) > PREFIX_BUDGET) break;
        need[i] = true;
      }
    });
    return Object.keys(need).map(Number).sort(function (a, b) { return a - b; });
  }

  // decodeTitles turns title shard entries [term, title, tags, headings]
  // into MiniSearch's serialized entries [term, {field: {section: count}}].
  // A title posting is a gap and the page's number of headings, which match
  // through the page's title (field p, weighted low).
  function decodeTitles(part, entries) {
    var all = part.docs;
    return entries.map(function (e) {
      var fields = {};
      var t = varints(e[1]), doc = -1, j, h;
      if (t.length) {
        var title = fields[0] = {}, via = {};
        for (j = 0; j < t.length; j += 2) {
          doc += t[j] + 1;
          title[doc] = 1; all[doc] = true;
          for (h = 1; h <= t[j + 1]; h++) { via[doc + h] = 1; all[doc + h] = true; }
        }
        fields[3] = via;
      }
      [2, 3].forEach(function (col) {
        var v = varints(e[col]);
        if (!v.length) return;
        var docs = fields[col - 1] = {};
        for (doc = -1, j = 0; j < v.length; j++) { doc += v[j] + 1; docs[doc] = 1; all[doc] = true; }
      });
      return [e[0], fields];
    });
  }

  // decodeBody turns body shard entries [term, postings] into MiniSearch's
  // entries: varints of 4 × (gap - 1) + weight level, or a bitmap.
  function decodeBody(part, entries) {
    var all = part.docs;
    return entries.map(function (e) {
      var s = e[1], docs = {};
      if (s.charAt(0) === "*") {
        bitmap(s, function (d) { docs[d] = 1; all[d] = true; });
      } else {
        var v = varints(s);
        for (var doc = -1, j = 0; j < v.length; j++) {
          doc += Math.floor(v[j] / 4) + 1;
          docs[doc] = TF[v[j] % 4];
          all[doc] = true;
        }
      }
      return [e[0], { 0: docs }];
    });
  }

  // shardIndex loads the shards of part (st.h or st.t) that the terms
  // need and returns a MiniSearch over every shard loaded so far. Weights
  // are final in the postings, so every section has the same length.
  function shardIndex(st, part, terms) {
    var need = shardsFor(st.meta[part.list], terms, part.min), shards = part.shards;
    var t0 = now();
    return Promise.all(need.map(function (n) {
      if (shards[n]) return shards[n];
      return load(st.lang + part.dir + n).then(function (entries) { return (shards[n] = part.decode(part, entries)); });
    })).then(function () {
      var have = Object.keys(shards).sort().join(",");
      if (part.idx && have === part.have) return part.idx;
      var t1 = now();
      var ids = {}, lengths = {}, index = [], fieldIds = {};
      var ones = part.fields.map(function () { return 1; });
      part.fields.forEach(function (f, i) { fieldIds[f] = i; });
      Object.keys(part.docs).forEach(function (d) { ids[d] = Number(d); lengths[d] = ones; });
      Object.keys(shards).forEach(function (n) { index.push.apply(index, shards[n]); });
      var docs = st.meta.docs;
      part.idx = window.MiniSearch.loadJS({
        documentCount: docs, nextId: docs, documentIds: ids, fieldIds: fieldIds,
        fieldLength: lengths, averageFieldLength: ones, storedFields: {}, dirtCount: 0,
        index: index, serializationVersion: 2
      }, Object.assign({ fields: part.fields }, OPTIONS));
      part.have = have;
      // For the curious and for the benchmarks: how long loading the shards
      // and indexing them took (performance.getEntriesByType("measure")).
      measure("playbook-search:" + part.list + "-load", t0, t1);
      measure("playbook-search:" + part.list + "-index", t1, now());
      return part.idx;
    });
  }

  /* ---- Page chunks: the URL, title and headings of the results shown ---- */
  // need loads the chunks of the results' sections; each result then has
  // st.secs[doc]: {doc, page: {i, url, title}, head (-1 for the page's
  // introduction), text and id of the heading}.
  function need(st, results) {
    var chunks = {};
    results.forEach(function (r) {
      if (st.secs[r.doc]) return;
      var lo = 0, hi = st.starts.length - 1;
      while (hi - lo > 1) { var mid = (lo + hi) >> 1; if (st.starts[mid] <= r.doc) lo = mid; else hi = mid; }
      chunks[lo] = true;
    });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return load(st.lang + "/p/" + c).then(function (data) { addChunk(st, Number(c), data); });
    }));
  }

  // A chunk's page is [folder, last segment, title, heading...]; a
  // heading is its text or [text, id].
  function addChunk(st, c, data) {
    if (st.chunks[c]) return;
    st.chunks[c] = true;
    var doc = st.starts[c];
    data.p.forEach(function (p, k) {
      var page = { i: c * st.meta.chunk + k, url: data.f[p[0]] + p[1], title: p[2] };
      st.secs[doc] = { doc: doc, page: page, head: -1 };
      doc++;
      for (var j = 3; j < p.length; j++, doc++) {
        var h = p[j], text = typeof h === "string" ? h : h[0];
        st.secs[doc] = { doc: doc, page: page, head: j - 3, text: text, id: typeof h === "string" ? slug(h) : h[1] };
      }
    });
  }

  /* ---- Searching ---- */
  function fuzzy(term) { return term.length >= 5 ? 0.2 : 0; }

  function run(index, query, opts) {
    var hits = index.search(query, Object.assign({ combineWith: "AND", fuzzy: fuzzy }, opts));
    if (!hits.length && tokenize(query).length > 1) {
      hits = index.search(query, Object.assign({ combineWith: "OR", fuzzy: fuzzy }, opts));
    }
    return hits;
  }

  // search finds query in language l: title and heading matches first,
  // then, unless titlesOnly, body matches. Without full, the body is left
  // out when the titles alone give a full list (partial is then true).
  function search(l, query, full, titlesOnly) {
    var terms = tokenize(query).map(fold).filter(Boolean);
    if (!terms.length) return Promise.resolve(null);
    var st;
    return prepare(l).then(function (s) {
      st = s;
      return shardIndex(st, st.h, terms);
    }).then(function (titles) {
      var results = [], seen = {};
      run(titles, query, {
        prefix: function (t) { return asPrefix(t, st.h.min); },
        boost: { t: 4, k: 1.5, h: 2, p: 0.5 }
      }).forEach(function (hit) {
        // A heading that matched only through its page's title adds
        // nothing to the page's own result.
        var viaPage = Object.keys(hit.match).every(function (t) {
          return hit.match[t].every(function (f) { return f === "p"; });
        });
        if (viaPage || seen[hit.id]) return;
        seen[hit.id] = true;
        results.push({ doc: hit.id, terms: hit.terms });
      });
      st.searched = true;
      var found = { st: st, query: query, terms: terms, results: results };
      if (titlesOnly || (!full && results.length >= LIMIT)) {
        found.partial = !titlesOnly;
        return found;
      }
      return shardIndex(st, st.t, terms).then(function (idx) {
        run(idx, query, { prefix: function (t) { return asPrefix(t, st.t.min); } }).forEach(function (hit) {
          if (!seen[hit.id]) { seen[hit.id] = true; results.push({ doc: hit.id, terms: hit.terms, body: true }); }
        });
        return found;
      });
    });
  }

  /* ---- Showing results ---- */
  var active = -1;
  var seq = 0;

  function href(sec) {
    var url = sec.page.url;
    if (fileMode && /\/$/.test(url)) url += "index.html";
    return sec.head >= 0 ? url + "#" + encodeURIComponent(sec.id) : url;
  }

  // marked splits text into plain and highlighted parts: words whose folded
  // form starts with a query term or is a term the index matched.
  // A run of Chinese or Japanese is a clause: it matches when it holds one
  // of the query's terms, a pair of characters or a word; isMatch.at
  // tells where in the run (in its folded form, which is the run's own
  // length unless it has marks), so that the snippet shows that place.
  function matcher(terms, matched) {
    var exact = {};
    (matched || []).forEach(function (t) { exact[t] = true; });
    function at(f) {
      var best = -1;
      for (var i = 0; i < terms.length; i++) {
        var k = f.indexOf(terms[i]);
        if (k >= 0 && (best < 0 || k < best)) best = k;
      }
      return best;
    }
    var isMatch = function (word) {
      var f = fold(word);
      if (exact[f]) return true;
      for (var i = 0; i < terms.length; i++) if (f.lastIndexOf(terms[i], 0) === 0) return true;
      return CJK.test(f) && at(f) >= 0;
    };
    isMatch.at = function (word) {
      var f = fold(word);
      return CJK.test(f) ? Math.max(0, at(f)) : 0;
    };
    return isMatch;
  }

  function appendMarked(el, text, isMatch) {
    var re = /[\p{L}\p{N}\p{M}]+/gu, m, last = 0;
    while ((m = re.exec(text))) {
      if (!isMatch(m[0])) continue;
      if (m.index > last) el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
  }

  // excerpt cuts about 160 characters around the first match.
  function excerpt(text, isMatch) {
    var re = /[\p{L}\p{N}\p{M}]+/gu, m, at = -1;
    while ((m = re.exec(text))) { if (isMatch(m[0])) { at = m.index + isMatch.at(m[0]); break; } }
    var start = at < 0 ? 0 : Math.max(0, at - 50);
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      if (sp >= 0 && sp < at) start = sp + 1;
    }
    var end = Math.min(text.length, start + 160);
    if (end < text.length) {
      var sp2 = text.lastIndexOf(" ", end);
      if (sp2 > start + 80) end = sp2;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function setOpen(open) {
    panel.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function setActive(i) {
    var items = list.querySelectorAll(".search-result");
    if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
    active = items.length ? (i + items.length) % items.length : -1;
    if (active >= 0) {
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
      if (items[active].scrollIntoView) items[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  // The controls under the list: "Show more" and the offers of results
  // in the other languages.
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.hidden = true;
  var others = document.createElement("p");
  others.className = "search-others";
  others.hidden = true;
  panel.appendChild(more);
  panel.appendChild(others);

  var current = null; // what the list shows: found, and how many of it

  function render(query, found) {
    list.textContent = "";
    list.setAttribute("data-query", query);
    active = -1;
    input.removeAttribute("aria-activedescendant");
    current = found;
    more.hidden = true;
    if (!found) { others.hidden = true; setOpen(false); return; }
    found.shown = 0;
    var results = found.results;
    if (!results.length) {
      status.textContent = label("none", { q: query });
      setOpen(true);
      return;
    }
    showMore();
    setOpen(true);
  }

  // status says how many results there are, in which language, and how
  // many show.
  function setStatus(found) {
    var n = found.results.length;
    var text = n === 1 ? label("one") : label("many", { n: n + (found.partial ? "+" : "") });
    // A site in more than one language says which one is searched.
    if (langs.length > 1) text += " · " + langName(found.st.lang);
    if (found.shown < n || found.partial) text += " · " + label("shown", { n: found.shown });
    status.textContent = text;
  }

  // langName is a language's name as the site configures it, else as the
  // browser knows it in that language ("English"), else its code.
  function langName(code) {
    for (var i = 0; i < langs.length; i++) {
      if (langs[i].code !== code) continue;
      if (langs[i].name && langs[i].name !== code.toUpperCase()) return langs[i].name;
    }
    try {
      var n = new Intl.DisplayNames([code], { type: "language" }).of(code);
      if (n && n !== code) return n.charAt(0).toLocaleUpperCase(code) + n.slice(1);
    } catch (err) { /* an old browser or an unknown code */ }
    return code.toUpperCase();
  }

  // showMore adds the next LIMIT results to the list.
  function showMore() {
    var found = current;
    var results = found.results, st = found.st;
    var from = found.shown, to = Math.min(results.length, from + LIMIT);
    var wanted = [];
    results.slice(from, to).forEach(function (r, k) {
      var i = from + k;
      var sec = st.secs[r.doc];
      var isMatch = matcher(found.terms, r.terms);
      var li = document.createElement("li");
      li.className = "search-result" + (r.body ? " is-body" : "");
      li.id = "pb-search-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = href(sec);
      a.tabIndex = -1;
      if (st.lang !== pageLang) { a.hreflang = st.lang; li.lang = st.lang; }
      var title = document.createElement("span");
      title.className = "search-result-title";
      appendMarked(title, sec.page.title, isMatch);
      a.appendChild(title);
      if (sec.head >= 0) {
        var head = document.createElement("span");
        head.className = "search-result-heading";
        appendMarked(head, sec.text, isMatch);
        a.appendChild(head);
      }
      var snip = document.createElement("span");
      snip.className = "search-result-snippet";
      a.appendChild(snip);
      li.appendChild(a);
      list.appendChild(li);
      wanted.push({ li: li, el: snip, sec: sec, isMatch: isMatch });
    });
    found.shown = to;
    setStatus(found);
    var left = results.length - to;
    more.hidden = !(left > 0 || found.partial);
    more.textContent = label("more", { n: Math.min(LIMIT, left) || LIMIT });
    // Snippets come from the fragment file of each result's page (a list
    // of its sections' texts), loaded when the result scrolls into view.
    var show = function (w) {
      load(st.lang + "/f/" + w.sec.page.i).then(function (texts) {
        var text = texts && texts[w.sec.head + 1];
        if (!text) w.el.classList.add("is-empty");
        else if (!w.el.firstChild) appendMarked(w.el, excerpt(text, w.isMatch), w.isMatch);
      }, function () { w.el.classList.add("is-empty"); });
    };
    if (!observer && window.IntersectionObserver) {
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (!e.isIntersecting) return;
          observer.unobserve(e.target);
          show(e.target.pbSnippet);
        });
      }, { root: panel, rootMargin: "100px" });
    }
    wanted.forEach(function (w) {
      if (!observer) { show(w); return; }
      w.li.pbSnippet = w;
      observer.observe(w.li);
    });
  }
  var observer = null;

  more.addEventListener("click", function () {
    var found = current;
    if (!found) return;
    var first = found.shown;
    var next = found.partial ? search(found.st.lang, found.query, true) : Promise.resolve(found);
    next.then(function (full) {
      return need(full.st, full.results.slice(first, first + LIMIT)).then(function () { return full; });
    }).then(function (full) {
      if (current !== found) return;
      full.shown = found.shown;
      current = full;
      showMore();
      // The keyboard goes on from the first new result.
      setActive(first);
      input.focus();
    });
  });

  // offerOthers counts the title and heading matches of the query in the
  // other languages and offers to show them.
  function offerOthers(query, mine) {
    others.textContent = "";
    others.hidden = true;
    var offers = langs.filter(function (l) { return l.code !== lang; }).map(function (l) { return { code: l.code, name: langName(l.code) }; });
    offers = offers.filter(function (l, i) { return offers.findIndex(function (o) { return o.code === l.code; }) === i; });
    Promise.all(offers.map(function (l) {
      return search(l.code, query).then(function (f) {
        return { l: l, n: f ? f.results.length : 0, more: f && f.partial };
      }, function () { return { l: l, n: 0 }; });
    })).then(function (counts) {
      if (mine !== seq) return;
      counts.forEach(function (c) {
        if (!c.n && c.l.code !== pageLang) return;
        var b = document.createElement("button");
        b.type = "button";
        b.className = "search-other";
        b.lang = c.l.code === pageLang ? "" : c.l.code;
        b.textContent = c.n ? label(c.n === 1 && !c.more ? "other-one" : "other-many", { n: c.n + (c.more ? "+" : ""), lang: c.l.name }) : label("back", { lang: c.l.name });
        b.addEventListener("click", function () {
          lang = c.l.code;
          update();
          input.focus();
        });
        if (c.n || c.l.code === pageLang) others.appendChild(b);
      });
      others.hidden = !others.firstChild;
    });
  }

  var timer = null;
  function update() {
    var query = input.value.trim();
    var mine = ++seq;
    if (!query) { lang = pageLang; render(query, null); return; }
    if (!state(lang).searched) { status.textContent = label("loading"); list.textContent = ""; more.hidden = true; setOpen(true); }
    search(lang, query).then(function (found) {
      // The first results' pages come before the list shows.
      if (mine !== seq) return null;
      return found && need(found.st, found.results.slice(0, LIMIT)).then(function () { return found; });
    }).then(function (found) {
      if (mine !== seq) return;
      render(query, found);
      if (found && langs.length > 1) offerOthers(query, mine);
    }).catch(function () {
      if (mine !== seq) return;
      list.textContent = "";
      more.hidden = true;
      status.textContent = label("error");
      setOpen(true);
    });
  }

  // open follows a result, with the query for the page to mark (?q=).
  function open(a) {
    var q = input.value.trim();
    var u = new URL(a.href, location.href);
    if (q) u.searchParams.set("q", q);
    location.href = u.href;
  }
  list.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest(".search-result a");
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    open(a);
  });

  input.addEventListener("input", function () {
    lang = pageLang;
    clearTimeout(timer);
    timer = setTimeout(update, 60);
  });
  input.addEventListener("focus", function () {
    prepare(lang).catch(function () {});
    if (input.value.trim() && list.firstChild) setOpen(true);
  });
  input.addEventListener("keydown", function (e) {
    var items = list.querySelectorAll(".search-result");
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      setOpen(true);
      setActive(active + (e.key === "ArrowDown" ? 1 : -1));
    } else if (e.key === "Enter") {
      var target = items[active >= 0 ? active : 0];
      if (target && !panel.hidden) {
        e.preventDefault();
        open(target.querySelector("a"));
      }
    } else if (e.key === "Escape") {
      e.stopPropagation();
      if (input.value) { input.value = ""; update(); } else { input.blur(); }
      setOpen(false);
    }
  });
  document.addEventListener("click", function (e) {
    if (!box.contains(e.target) && !e.target.closest("[data-search-focus]")) setOpen(false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  /* ---- Marking the words on the page a result led to ---- */
  // A result opens its page with ?q=: the words of the page's main text
  // that the query finds are marked, the first after the heading the
  // result named (or the first of all) is scrolled to, and the query is
  // dropped from the address, so that a reload or a shared link shows the
  // page as it is.
  function markLanding() {
    var params;
    try { params = new URLSearchParams(location.search); } catch (err) { return; }
    var q = params.get("q");
    if (!q) return;
    params.delete("q");
    var rest = params.toString();
    if (history.replaceState) history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
    var terms = tokenize(q).map(fold).filter(function (t) { return asPrefix(t, 2); });
    var scope = document.getElementById("main-content");
    if (!scope || !terms.length) return;
    var isMatch = matcher(terms, []);
    var texts = [];
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, null);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentNode.closest("script, style, template, mark, button, .visually-hidden")) continue;
      texts.push(n);
    }
    var marks = [];
    texts.forEach(function (t) {
      var frag = document.createDocumentFragment();
      appendMarked(frag, t.nodeValue, isMatch);
      var found = frag.querySelectorAll("mark");
      if (!found.length) return;
      Array.prototype.forEach.call(found, function (m) { m.className = "search-hit"; marks.push(m); });
      t.parentNode.replaceChild(frag, t);
    });
    if (!marks.length) return;
    var target = null;
    try { target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (err) { /* a malformed hash */ }
    var first = marks[0];
    if (target) {
      for (var i = 0; i < marks.length; i++) {
        if (target.compareDocumentPosition(marks[i]) & Node.DOCUMENT_POSITION_FOLLOWING || target.contains(marks[i])) { first = marks[i]; break; }
      }
    }
    first.classList.add("is-first");
    // After the browser's own scroll to the heading.
    setTimeout(function () { first.scrollIntoView({ block: "center" }); }, 0);
  }
  markLanding();

  // Buttons elsewhere on the page (the home page's) open the search box.
  Array.prototype.forEach.call(document.querySelectorAll("[data-search-focus]"), function (b) {
    if (b.parentNode && b.parentNode.hidden) b.parentNode.hidden = false;
    b.addEventListener("click", function () { input.focus(); });
  });

  box.hidden = false;
  document.documentElement.classList.add("has-search");
})();
