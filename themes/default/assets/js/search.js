/*
 * playbook default theme: search as you type, in the browser, offline.
 *
 * The build writes each language's index under search/<lang>/ as scripts
 * that push [key, data] onto self.playbookSearch (see generator/search):
 *   index.js   every page's title, tags and headings; indexed here with
 *              MiniSearch the first time the reader searches;
 *   t/<n>.js   the body text as an inverted index split by term prefix,
 *              loaded only for the terms of a query and handed to
 *              MiniSearch.loadJS;
 *   f/<n>.js   one page's text by section, for the snippets shown.
 * Loading them with <script> elements rather than fetch lets search work
 * from a web server and from files opened with file:// alike.
 *
 * Results list title and heading matches first, then body matches; each
 * links to the heading it matched. Case and diacritics are ignored:
 * fold() below and search.Fold in Go must stay the same.
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
  var lang = box.getAttribute("data-lang") || "en";
  var libURL = box.getAttribute("data-lib");
  var fileMode = location.protocol === "file:";
  var LIMIT = 20;
  // Above this many bytes of shards, a short prefix is searched as a
  // whole word in the body instead of loading every shard it spans.
  var PREFIX_BUDGET = 1 << 20;

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
  function tokenize(text) {
    var out = [];
    var chunks = ASCII.test(text) ? text.match(/[A-Za-z0-9-]+/g) : text.match(/[\p{L}\p{N}\p{M}\-\u2010\u2011]+/gu);
    (chunks || []).forEach(function (chunk) {
      if (!/[-\u2010\u2011]/.test(chunk)) { out.push(chunk); return; }
      var parts = chunk.split(/[\-\u2010\u2011]+/).filter(Boolean);
      out.push.apply(out, parts);
      if (parts.length > 1) out.push(parts.join(""));
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
    terms: function (text) { return tokenize(text).map(fold).filter(Boolean); }
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

  // Section lengths come as one character each: code c is about 1.2^c - 1
  // words (see lengthCode in Go).
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  function length(codes, i) {
    return Math.round(Math.pow(1.2, DIGITS.indexOf(codes.charAt(i))) - 1);
  }

  /* ---- The title index and the page list ---- */
  var ready = null;
  var meta, pages, sections, titles;

  var OPTIONS = {
    idField: "id",
    tokenize: tokenize,
    processTerm: function (t) { return fold(t) || null; }
  };

  function prepare() {
    if (ready) return ready;
    var lib = window.MiniSearch ? Promise.resolve() : loadScript(libURL);
    var t0 = now();
    ready = Promise.all([lib, load(lang + "/index")]).then(function (r) {
      var t1 = now();
      meta = r[1];
      pages = [];
      sections = [];
      var docs = [];
      // A page is [folder, last segment, title, tags, lengths, heading...];
      // a heading is its text or [text, id].
      meta.pages.forEach(function (p, i) {
        var page = { i: i, url: meta.folders[p[0]] + p[1], title: p[2], first: sections.length };
        var lens = p[4];
        pages.push(page);
        sections.push({ page: page, head: -1, len: length(lens, 0) });
        docs.push({ id: "p" + i, t: p[2], k: p[3] });
        for (var j = 5; j < p.length; j++) {
          var h = p[j], text = typeof h === "string" ? h : h[0];
          var doc = sections.length;
          sections.push({ page: page, head: j - 5, text: text, id: typeof h === "string" ? slug(h) : h[1], len: length(lens, j - 4) });
          docs.push({ id: "s" + doc, h: text, p: p[2] });
        }
      });
      titles = new window.MiniSearch(Object.assign({ fields: ["t", "k", "h", "p"] }, OPTIONS));
      titles.addAll(docs);
      // For the curious and for the benchmarks: how long loading and
      // indexing the page list took (performance.getEntriesByType("measure")).
      measure("playbook-search:load", t0, t1);
      measure("playbook-search:index", t1, now());
      return true;
    });
    ready.catch(function () { ready = null; });
    return ready;
  }

  /* ---- The body index: shards loaded per query ---- */
  var shards = {};       // shard number → decoded entries
  var bodyDocs = {};     // document numbers seen in loaded shards
  var body = null;       // MiniSearch over the loaded shards
  var bodyShards = "";   // which shards body was built from

  // shardsFor returns the shard numbers a query needs: for each term, the
  // shard with the longest key that is a prefix of it and, when the term
  // is searched as a prefix, the shards under it.
  function shardsFor(terms) {
    var keys = meta.shards;
    var need = {};
    terms.forEach(function (t) {
      var best = -1;
      keys.forEach(function (k, i) {
        if (t.lastIndexOf(k[0], 0) === 0 && (best < 0 || k[0].length > keys[best][0].length)) best = i;
      });
      if (best >= 0) need[best] = true;
      if (t.length >= 3) {
        var under = [], size = 0;
        keys.forEach(function (k, i) {
          if (k[0].length > t.length && k[0].lastIndexOf(t, 0) === 0) { under.push(i); size += k[1]; }
        });
        if (size <= PREFIX_BUDGET) under.forEach(function (i) { need[i] = true; });
      }
    });
    return Object.keys(need).map(Number).sort(function (a, b) { return a - b; });
  }

  // decodeShard turns a shard's entries into MiniSearch's serialized
  // index entries: [term, {fieldId: {doc: count}}]. Postings are gaps
  // (negative: a gap, then the count), or for common terms a string of
  // one base-36 count per document.
  function decodeShard(entries) {
    return entries.map(function (e) {
      var p = e[1], docs = {}, doc, j;
      if (typeof p === "string") {
        for (doc = 0; doc < p.length; doc++) {
          if (p.charCodeAt(doc) === 48) continue;
          docs[doc] = parseInt(p.charAt(doc), 36);
          bodyDocs[doc] = true;
        }
      } else {
        for (doc = -1, j = 0; j < p.length; j++) {
          var tf = 1;
          if (p[j] < 0) { doc -= p[j]; tf = p[++j]; } else { doc += p[j]; }
          docs[doc] = tf;
          bodyDocs[doc] = true;
        }
      }
      return [e[0], { 0: docs }];
    });
  }

  function bodyIndex(terms) {
    var need = shardsFor(terms);
    return Promise.all(need.map(function (n) {
      if (shards[n]) return shards[n];
      return load(lang + "/t/" + n).then(function (entries) { return (shards[n] = decodeShard(entries)); });
    })).then(function () {
      var have = Object.keys(shards).sort().join(",");
      if (body && have === bodyShards) return body;
      var ids = {}, lengths = {}, index = [];
      Object.keys(bodyDocs).forEach(function (d) { ids[d] = Number(d); lengths[d] = [sections[d].len]; });
      Object.keys(shards).forEach(function (n) { index.push.apply(index, shards[n]); });
      body = window.MiniSearch.loadJS({
        documentCount: meta.docs, nextId: meta.docs, documentIds: ids, fieldIds: { b: 0 },
        fieldLength: lengths, averageFieldLength: [meta.avg], storedFields: {}, dirtCount: 0,
        index: index, serializationVersion: 2
      }, Object.assign({ fields: ["b"] }, OPTIONS));
      bodyShards = have;
      return body;
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

  function search(query) {
    var terms = tokenize(query).map(fold).filter(Boolean);
    if (!terms.length) return Promise.resolve(null);
    return prepare().then(function () {
      var results = [], seen = {};
      run(titles, query, {
        prefix: function (t) { return t.length >= 2; },
        boost: { t: 4, k: 1.5, h: 2, p: 0.5 }
      }).forEach(function (hit) {
        // A heading that matched only through its page's title adds
        // nothing to the page's own result.
        var viaPage = Object.keys(hit.match).every(function (t) {
          return hit.match[t].every(function (f) { return f === "p"; });
        });
        if (viaPage) return;
        var doc = hit.id.charAt(0) === "p" ? pages[Number(hit.id.slice(1))].first : Number(hit.id.slice(1));
        if (!seen[doc]) { seen[doc] = true; results.push({ doc: doc, terms: hit.terms }); }
      });
      if (results.length >= LIMIT) return { terms: terms, results: results };
      return bodyIndex(terms).then(function (idx) {
        run(idx, query, { prefix: function (t) { return t.length >= 3; } }).forEach(function (hit) {
          if (!seen[hit.id]) { seen[hit.id] = true; results.push({ doc: hit.id, terms: hit.terms, body: true }); }
        });
        return { terms: terms, results: results };
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
  function matcher(terms, matched) {
    var exact = {};
    (matched || []).forEach(function (t) { exact[t] = true; });
    return function (word) {
      var f = fold(word);
      if (exact[f]) return true;
      for (var i = 0; i < terms.length; i++) if (f.lastIndexOf(terms[i], 0) === 0) return true;
      return false;
    };
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
    while ((m = re.exec(text))) { if (isMatch(m[0])) { at = m.index; break; } }
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

  function render(query, found) {
    list.textContent = "";
    list.setAttribute("data-query", query);
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!found) { setOpen(false); return; }
    var results = found.results;
    if (!results.length) {
      status.textContent = label("none", { q: query });
      setOpen(true);
      return;
    }
    status.textContent = results.length === 1 ? label("one") : label("many", { n: results.length });
    if (results.length > LIMIT) status.textContent += " · " + label("shown", { n: LIMIT });
    var wanted = {};
    results.slice(0, LIMIT).forEach(function (r, i) {
      var sec = sections[r.doc];
      var isMatch = matcher(found.terms, r.terms);
      var li = document.createElement("li");
      li.className = "search-result" + (r.body ? " is-body" : "");
      li.id = "pb-search-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = href(sec);
      a.tabIndex = -1;
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
      (wanted[sec.page.i] = wanted[sec.page.i] || []).push({ li: li, el: snip, sec: sec, isMatch: isMatch });
    });
    setOpen(true);
    // Snippets come from each page's fragment file, loaded when its result
    // scrolls into view.
    var show = function (w) {
      load(lang + "/f/" + w.sec.page.i).then(function (texts) {
        var text = texts[w.sec.head + 1] || "";
        if (!text) w.el.classList.add("is-empty");
        else if (!w.el.firstChild) appendMarked(w.el, excerpt(text, w.isMatch), w.isMatch);
      }, function () { w.el.classList.add("is-empty"); });
    };
    if (observer) observer.disconnect();
    if (window.IntersectionObserver) {
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (!e.isIntersecting) return;
          observer.unobserve(e.target);
          show(e.target.pbSnippet);
        });
      }, { root: panel, rootMargin: "100px" });
    }
    Object.keys(wanted).forEach(function (i) {
      wanted[i].forEach(function (w) {
        if (!observer) { show(w); return; }
        w.li.pbSnippet = w;
        observer.observe(w.li);
      });
    });
  }
  var observer = null;

  var timer = null;
  function update() {
    var query = input.value.trim();
    var mine = ++seq;
    if (!query) { render(query, null); return; }
    if (!titles) { status.textContent = label("loading"); list.textContent = ""; setOpen(true); }
    search(query).then(function (found) {
      if (mine === seq) render(query, found);
    }, function () {
      if (mine !== seq) return;
      list.textContent = "";
      status.textContent = label("error");
      setOpen(true);
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 60);
  });
  input.addEventListener("focus", function () {
    prepare().catch(function () {});
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
        location.href = target.querySelector("a").href;
      }
    } else if (e.key === "Escape") {
      e.stopPropagation();
      if (input.value) { input.value = ""; update(); } else { input.blur(); }
      setOpen(false);
    }
  });
  document.addEventListener("click", function (e) {
    if (!box.contains(e.target)) setOpen(false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  // Buttons elsewhere on the page (the home page's) open the search box.
  Array.prototype.forEach.call(document.querySelectorAll("[data-search-focus]"), function (b) {
    if (b.parentNode && b.parentNode.hidden) b.parentNode.hidden = false;
    b.addEventListener("click", function () { input.focus(); });
  });

  box.hidden = false;
  document.documentElement.classList.add("has-search");
})();
