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

  /* ---- The title index and the page list, per language ---- */
  var indexes = {};
  function state(l) {
    return indexes[l] || (indexes[l] = { lang: l, ready: null, shards: {}, bodyDocs: {}, body: null, bodyShards: "" });
  }

  var OPTIONS = {
    idField: "id",
    tokenize: tokenize,
    processTerm: function (t) { return fold(t) || null; }
  };

  function prepare(l) {
    var st = state(l || pageLang);
    if (st.ready) return st.ready;
    var lib = window.MiniSearch ? Promise.resolve() : loadScript(libURL);
    var t0 = now();
    st.ready = Promise.all([lib, load(st.lang + "/index")]).then(function (r) {
      var t1 = now();
      var meta = st.meta = r[1];
      var pages = st.pages = [];
      var sections = st.sections = [];
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
      st.titles = new window.MiniSearch(Object.assign({ fields: ["t", "k", "h", "p"] }, OPTIONS));
      st.titles.addAll(docs);
      // For the curious and for the benchmarks: how long loading and
      // indexing the page list took (performance.getEntriesByType("measure")).
      measure("playbook-search:load", t0, t1);
      measure("playbook-search:index", t1, now());
      return st;
    });
    st.ready.catch(function () { st.ready = null; });
    return st.ready;
  }

  /* ---- The body index: shards loaded per query ---- */
  // A language's state keeps the shards it loaded (number → decoded
  // entries), the document numbers seen in them (bodyDocs), the MiniSearch
  // over them (body) and which shards that was built from (bodyShards).

  // shardsFor returns the shard numbers a query needs: for each term, the
  // shard with the longest key that is a prefix of it and, when the term
  // is searched as a prefix, the shards under it.
  function shardsFor(st, terms) {
    var keys = st.meta.shards;
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
  function decodeShard(st, entries) {
    var bodyDocs = st.bodyDocs;
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

  function bodyIndex(st, terms) {
    var need = shardsFor(st, terms), shards = st.shards;
    return Promise.all(need.map(function (n) {
      if (shards[n]) return shards[n];
      return load(st.lang + "/t/" + n).then(function (entries) { return (shards[n] = decodeShard(st, entries)); });
    })).then(function () {
      var have = Object.keys(shards).sort().join(",");
      if (st.body && have === st.bodyShards) return st.body;
      var ids = {}, lengths = {}, index = [], meta = st.meta;
      Object.keys(st.bodyDocs).forEach(function (d) { ids[d] = Number(d); lengths[d] = [st.sections[d].len]; });
      Object.keys(shards).forEach(function (n) { index.push.apply(index, shards[n]); });
      st.body = window.MiniSearch.loadJS({
        documentCount: meta.docs, nextId: meta.docs, documentIds: ids, fieldIds: { b: 0 },
        fieldLength: lengths, averageFieldLength: [meta.avg], storedFields: {}, dirtCount: 0,
        index: index, serializationVersion: 2
      }, Object.assign({ fields: ["b"] }, OPTIONS));
      st.bodyShards = have;
      return st.body;
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
    return prepare(l).then(function (st) {
      var results = [], seen = {}, pages = st.pages;
      run(st.titles, query, {
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
      var found = { st: st, query: query, terms: terms, results: results };
      if (titlesOnly || (!full && results.length >= LIMIT)) {
        found.partial = !titlesOnly;
        return found;
      }
      return bodyIndex(st, terms).then(function (idx) {
        run(idx, query, { prefix: function (t) { return t.length >= 3; } }).forEach(function (hit) {
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
    var wanted = {};
    results.slice(from, to).forEach(function (r, k) {
      var i = from + k;
      var sec = st.sections[r.doc];
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
      (wanted[sec.page.i] = wanted[sec.page.i] || []).push({ li: li, el: snip, sec: sec, isMatch: isMatch });
    });
    found.shown = to;
    setStatus(found);
    var left = results.length - to;
    more.hidden = !(left > 0 || found.partial);
    more.textContent = label("more", { n: Math.min(LIMIT, left) || LIMIT });
    // Snippets come from each page's fragment file, loaded when its result
    // scrolls into view.
    var show = function (w) {
      load(st.lang + "/f/" + w.sec.page.i).then(function (texts) {
        var text = texts[w.sec.head + 1] || "";
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
    Object.keys(wanted).forEach(function (i) {
      wanted[i].forEach(function (w) {
        if (!observer) { show(w); return; }
        w.li.pbSnippet = w;
        observer.observe(w.li);
      });
    });
  }
  var observer = null;

  more.addEventListener("click", function () {
    var found = current;
    if (!found) return;
    var first = found.shown;
    var next = found.partial ? search(found.st.lang, found.query, true) : Promise.resolve(found);
    next.then(function (full) {
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
    if (!state(lang).titles) { status.textContent = label("loading"); list.textContent = ""; more.hidden = true; setOpen(true); }
    search(lang, query).then(function (found) {
      if (mine !== seq) return;
      render(query, found);
      if (found && langs.length > 1) offerOthers(query, mine);
    }, function () {
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
    var terms = tokenize(q).map(fold).filter(function (t) { return t.length >= 2; });
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
