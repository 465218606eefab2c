/*
 * playbook default theme: optional enhancements. Every page works without
 * this file; it only adds
 *   - a real menu button (with aria-expanded) for the narrow-screen sidebar,
 *   - folding of the "On this page" box on narrow screens and highlighting
 *     of the current section in it on wide screens,
 *   - "#" links beside headings and copy buttons on code blocks,
 *   - keyboard scrolling for tables wider than the page,
 *   - Mermaid diagrams, on the pages that have them (js/diagrams.js),
 *   - TeX math, on the pages that have it (KaTeX),
 *   - interactive checklists: every task list keeps the reader's ticks in
 *     localStorage, shows its progress and gets "Copy as Markdown" and
 *     "Reset" buttons. The labels come from the page (the
 *     #pb-checklist-tools template), never from this file.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");
  // Where this file is, so that what it loads comes from the same assets.
  var themeSrc = document.currentScript && document.currentScript.src;

  var wide = window.matchMedia("(min-width: 56em)");
  var tocWide = window.matchMedia("(min-width: 76em)");

  function onChange(mql, fn) {
    if (mql.addEventListener) mql.addEventListener("change", fn);
    else if (mql.addListener) mql.addListener(fn);
  }

  /* ---- Menu button ---- */
  function setupMenu() {
    var button = document.querySelector(".menu-js");
    var nav = document.getElementById("site-nav");
    var checkbox = document.getElementById("nav-toggle");
    var backdrop = document.querySelector(".nav-backdrop");
    if (!button || !nav) return;

    button.hidden = false;
    if (checkbox) checkbox.checked = false;

    function isOpen() { return root.classList.contains("nav-open"); }
    function setOpen(open) {
      root.classList.toggle("nav-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }

    button.addEventListener("click", function () {
      setOpen(!isOpen());
      if (isOpen()) {
        var current = nav.querySelector('[aria-current="page"]');
        if (current && current.scrollIntoView) current.scrollIntoView({ block: "center" });
      }
    });
    if (backdrop) {
      backdrop.addEventListener("click", function (e) {
        e.preventDefault();
        setOpen(false);
        button.focus();
      });
    }
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && isOpen()) {
        setOpen(false);
        button.focus();
      }
    });
    // Following a link to a place on the same page leaves the drawer open
    // otherwise.
    nav.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a")) setOpen(false);
    });
    onChange(wide, function (e) { if (e.matches) setOpen(false); });
  }

  /* ---- Language menu ---- */
  // A site of more than four languages lists them in a <details> menu,
  // which works without JavaScript; this closes it, as menus close, on a
  // click elsewhere and on Escape (giving the focus back to it).
  function setupLangMenu() {
    var menu = document.querySelector(".lang-menu details");
    if (!menu) return;
    document.addEventListener("click", function (e) {
      if (menu.open && !menu.contains(e.target)) menu.open = false;
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  /* ---- Sidebar: the current page's entry in view ---- */
  // On wide screens the sidebar scrolls by itself; its entry for the page
  // shown, which may be down a long folder, is brought into its view
  // without scrolling the page.
  function revealCurrent() {
    var nav = document.getElementById("site-nav");
    var current = nav && nav.querySelector('[aria-current="page"]');
    if (!current || !wide.matches) return;
    var box = nav.getBoundingClientRect();
    var at = current.getBoundingClientRect();
    if (at.bottom > box.bottom || at.top < box.top) {
      nav.scrollTop += at.top - box.top - box.height / 3;
    }
  }

  /* ---- Table of contents ---- */
  function setupToc() {
    var toc = document.querySelector(".toc");
    if (!toc) return;
    var details = toc.querySelector("details");

    if (details) {
      details.open = tocWide.matches;
      onChange(tocWide, function (e) { details.open = e.matches; });
      // On wide screens the list is a column of its own and stays open.
      details.addEventListener("toggle", function () {
        if (tocWide.matches && !details.open) details.open = true;
      });
    }

    var links = Array.prototype.slice.call(toc.querySelectorAll('a[href^="#"]'));
    var items = [];
    links.forEach(function (a) {
      var id;
      try { id = decodeURIComponent(a.hash.slice(1)); } catch (err) { id = a.hash.slice(1); }
      var heading = document.getElementById(id);
      if (heading) items.push({ link: a, heading: heading });
    });
    if (!items.length) return;

    var active = null;
    var ticking = false;

    function update() {
      ticking = false;
      var offset = parseFloat(getComputedStyle(root).scrollPaddingTop) || 80;
      var current = null;
      for (var i = 0; i < items.length; i++) {
        if (items[i].heading.getBoundingClientRect().top - offset <= 8) current = items[i];
        else break;
      }
      // At the very bottom the last headings may never reach the top.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        current = items[items.length - 1];
      }
      if (current === active) return;
      if (active) {
        active.link.classList.remove("is-active");
        active.link.removeAttribute("aria-current");
      }
      active = current;
      if (active) {
        active.link.classList.add("is-active");
        active.link.setAttribute("aria-current", "true");
        if (tocWide.matches) keepVisible(active.link);
      }
    }

    function keepVisible(link) {
      var box = toc.getBoundingClientRect();
      var r = link.getBoundingClientRect();
      if (r.top < box.top || r.bottom > box.bottom) {
        toc.scrollTop += r.top - box.top - box.height / 3;
      }
    }

    window.addEventListener("scroll", function () {
      if (!ticking) {
        ticking = true;
        window.requestAnimationFrame(update);
      }
    }, { passive: true });
    window.addEventListener("resize", update);
    update();
  }

  /* ---- Heading links ---- */
  function setupAnchors() {
    var headings = document.querySelectorAll(".prose h1[id], .prose h2[id], .prose h3[id], .prose h4[id]");
    Array.prototype.forEach.call(headings, function (h) {
      if (h.querySelector(".heading-anchor")) return;
      var a = document.createElement("a");
      a.className = "heading-anchor";
      a.href = "#" + encodeURIComponent(h.id);
      a.setAttribute("aria-hidden", "true");
      a.tabIndex = -1;
      a.textContent = "#";
      h.appendChild(a);
    });
  }

  /* ---- Copy buttons ---- */
  var SVG_COPY = '<svg class="icon icon-copy" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V6a2 2 0 0 1 2-2h9"/></svg>';
  var SVG_CHECK = '<svg class="icon icon-check" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2.25" stroke-linecap="round" stroke-linejoin="round"><path d="M5 12.5l4.5 4.5L19 7.5"/></svg>';

  // copyText puts text on the clipboard: through the Clipboard API where
  // the page may use it, else (or when it refuses, for example in an
  // unfocused window) through a selected, hidden textarea.
  function copyText(text) {
    function legacy() {
      var active = document.activeElement;
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.className = "visually-hidden";
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      document.body.removeChild(ta);
      if (active && active.focus) active.focus();
      return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
    }
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(legacy);
    }
    return legacy();
  }

  function setupCopy() {
    var label = document.body.getAttribute("data-label-copy") || "Copy code";
    var done = document.body.getAttribute("data-label-copied") || "Copied";
    var blocks = document.querySelectorAll(".code-block");
    Array.prototype.forEach.call(blocks, function (block) {
      var code = block.querySelector("pre");
      if (!code) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.setAttribute("aria-label", label);
      button.title = label;
      button.innerHTML = SVG_COPY + SVG_CHECK;
      var timer;
      button.addEventListener("click", function () {
        copyText(code.innerText.replace(/\n$/, "")).then(function () {
          button.classList.add("is-copied");
          button.setAttribute("aria-label", done);
          button.title = done;
          clearTimeout(timer);
          timer = setTimeout(function () {
            button.classList.remove("is-copied");
            button.setAttribute("aria-label", label);
            button.title = label;
          }, 2000);
        }, function () { /* leave the button as it was */ });
      });
      block.appendChild(button);
    });
  }

  /* ---- Wide tables ---- */
  function setupTables() {
    var tables = document.querySelectorAll(".prose table");
    function check() {
      Array.prototype.forEach.call(tables, function (t) {
        if (t.scrollWidth > t.clientWidth + 1) t.setAttribute("tabindex", "0");
        else t.removeAttribute("tabindex");
      });
    }
    if (tables.length) {
      check();
      window.addEventListener("resize", check);
    }
  }


  /* ---- Checklists ---- */

  // Ticks are stored one key per item: "playbook:" + the page the list
  // comes from (data-checklist-page, the source file's path) + "#" + the
  // item's data-task id. A missing key means the state the author wrote;
  // "1" and "0" are the reader's own ticks. The same item shown on two
  // pages (a team's onboarding list on a role page) shares its key.
  var STORE_PREFIX = "playbook:";

  var store = (function () {
    var memory = {};
    var ls = null;
    try {
      ls = window.localStorage;
      var probe = STORE_PREFIX + "probe";
      ls.setItem(probe, "1");
      ls.removeItem(probe);
    } catch (err) {
      ls = null; // Storage is off: ticks last until the page is left.
    }
    return {
      get: function (k) {
        if (ls) { try { return ls.getItem(k); } catch (err) { /* fall through */ } }
        return Object.prototype.hasOwnProperty.call(memory, k) ? memory[k] : null;
      },
      set: function (k, v) {
        if (ls) { try { ls.setItem(k, v); return; } catch (err) { /* full: keep in memory */ } }
        memory[k] = v;
      },
      remove: function (k) {
        if (ls) { try { ls.removeItem(k); } catch (err) { /* ignore */ } }
        delete memory[k];
      }
    };
  })();

  var BLOCK = /^(UL|OL|P|DIV|TABLE|PRE|BLOCKQUOTE|DL|FIGURE|H[1-6])$/;

  function taskBoxOf(li) {
    for (var n = li.firstElementChild; n; n = n.nextElementSibling) {
      if (n.matches("input.task-box")) return n;
      if (n.tagName === "P") {
        var first = n.firstElementChild;
        if (first && first.matches("input.task-box")) return first;
      }
      if (n.tagName !== "LABEL") break;
    }
    return null;
  }

  function pageKeyOf(el) {
    var holder = el.closest("[data-checklist-page]");
    return holder ? holder.getAttribute("data-checklist-page") : location.pathname;
  }

  function formatProgress(fmt, done, total) {
    return fmt.replace("{done}", String(done)).replace("{total}", String(total));
  }

  // inlineMarkdown writes the inline content of an item as Markdown,
  // leaving out the checkbox, the role pill and nested lists.
  function inlineMarkdown(node) {
    var out = "";
    for (var n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) { out += n.nodeValue; continue; }
      if (n.nodeType !== 1) continue;
      var tag = n.tagName;
      if (tag === "INPUT" || tag === "UL" || tag === "OL" || tag === "BUTTON" ||
          n.classList.contains("task-role") || n.classList.contains("heading-anchor")) continue;
      var inner = inlineMarkdown(n);
      if (tag === "CODE") out += "`" + n.textContent + "`";
      else if (tag === "STRONG" || tag === "B") out += "**" + inner + "**";
      else if (tag === "EM" || tag === "I") out += "_" + inner + "_";
      else if (tag === "DEL" || tag === "S") out += "~~" + inner + "~~";
      else if (tag === "A" && n.href) out += "[" + inner + "](" + n.href + ")";
      else if (tag === "BR") out += " ";
      else if (tag === "P") out += " " + inner + " ";
      else out += inner;
    }
    return out;
  }

  function listMarkdown(list, depth, lines) {
    var ordered = list.tagName === "OL";
    var number = parseInt(list.getAttribute("start") || "1", 10) || 1;
    var indent = new Array(depth + 1).join("   ");
    Array.prototype.forEach.call(list.children, function (li) {
      if (li.tagName !== "LI") return;
      var box = taskBoxOf(li);
      var line = indent + (ordered ? (number++) + ". " : "- ");
      if (box) line += box.checked ? "[x] " : "[ ] ";
      var role = li.querySelector(":scope > .task-role, :scope > label > .task-role, :scope > p > .task-role, :scope > p > label > .task-role");
      if (role) line += role.textContent.trim() + ": ";
      line += inlineMarkdown(li).replace(/\s+/g, " ").trim();
      lines.push(line.replace(/\s+$/, ""));
      Array.prototype.forEach.call(li.querySelectorAll(":scope > ul, :scope > ol"), function (sub) {
        listMarkdown(sub, depth + 1, lines);
      });
    });
    return lines;
  }

  function checklistMarkdown(list) {
    return listMarkdown(list, 0, []).join("\n") + "\n";
  }

  var taskCount = 0;
  var byKey = {};      // storage key -> [checkbox]
  var checklists = []; // {list, boxes, update}

  // labelTask wraps the text after an item's checkbox in a <label>, so the
  // whole line toggles the box and names it for assistive technology.
  function labelTask(box) {
    if (!box.id) box.id = "pb-task-" + (++taskCount);
    var next = box.nextSibling;
    if (next && next.nodeType === 1 && next.tagName === "LABEL") return;
    var label = document.createElement("label");
    label.className = "task-text";
    label.htmlFor = box.id;
    while (box.nextSibling && !(box.nextSibling.nodeType === 1 && BLOCK.test(box.nextSibling.tagName))) {
      label.appendChild(box.nextSibling);
    }
    // The role pill keeps its distance by a margin, so that a ticked item's
    // line-through starts at the text.
    var first = label.firstChild;
    if (first && first.nodeType === 3) first.nodeValue = first.nodeValue.replace(/^\s+/, "");
    var role = label.querySelector(":scope > .task-role");
    if (role && role.nextSibling && role.nextSibling.nodeType === 3) {
      role.nextSibling.nodeValue = role.nextSibling.nodeValue.replace(/^\s+/, "");
    }
    box.parentNode.insertBefore(label, box.nextSibling);
  }

  function applyStored(box) {
    var v = store.get(box._pbKey);
    box.checked = v === "1" ? true : v === "0" ? false : box.defaultChecked;
  }

  function setupChecklist(list, boxes, tools) {
    var wrap = document.createElement("div");
    wrap.className = "checklist";
    list.parentNode.insertBefore(wrap, list);
    var bar = tools ? tools.content.firstElementChild.cloneNode(true) : null;
    if (bar) wrap.appendChild(bar);
    wrap.appendChild(list);
    list.classList.add("task-list");

    var progress = bar && bar.querySelector(".checklist-progress");
    var fill = bar && bar.querySelector(".checklist-meter-fill");
    var copyBtn = bar && bar.querySelector('[data-action="copy"]');
    var resetBtn = bar && bar.querySelector('[data-action="reset"]');
    var failed = bar && bar.querySelector(".checklist-copy-failed");
    var undo = null;
    var undoTimer = null;

    function stored() {
      return boxes.filter(function (b) { return store.get(b._pbKey) !== null; });
    }

    function update() {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      var total = boxes.length;
      wrap.classList.toggle("is-complete", total > 0 && done === total);
      wrap.setAttribute("data-done", String(done));
      if (progress) {
        var fmt = progress.getAttribute(done === total ? "data-format-done" : "data-format") || "{done} / {total}";
        progress.textContent = formatProgress(fmt, done, total);
      }
      if (fill) fill.style.width = (total ? Math.round(100 * done / total) : 0) + "%";
      if (resetBtn && !undo) resetBtn.disabled = stored().length === 0;
    }

    function buttonText(btn, text) {
      var span = btn.querySelector(".checklist-button-text");
      if (span) span.textContent = text;
    }

    if (copyBtn) {
      var copyLabel = copyBtn.textContent.trim();
      var copyTimer = null;
      copyBtn.addEventListener("click", function () {
        var md = checklistMarkdown(list);
        copyBtn.setAttribute("data-markdown", md);
        copyText(md).then(function () {
          var area = wrap.querySelector(".checklist-copy-text");
          if (area) area.parentNode.removeChild(area);
          if (failed) failed.hidden = true;
          copyBtn.classList.add("is-copied");
          buttonText(copyBtn, copyBtn.getAttribute("data-label-done") || copyLabel);
          clearTimeout(copyTimer);
          copyTimer = setTimeout(function () {
            copyBtn.classList.remove("is-copied");
            buttonText(copyBtn, copyLabel);
          }, 2000);
        }, function () {
          // No clipboard: show the text, selected, for the reader to copy.
          var area = wrap.querySelector(".checklist-copy-text");
          if (!area) {
            area = document.createElement("textarea");
            area.className = "checklist-copy-text";
            area.readOnly = true;
            area.setAttribute("aria-label", copyLabel);
            bar.parentNode.insertBefore(area, bar.nextSibling);
          }
          area.value = md;
          area.rows = Math.min(12, md.split("\n").length);
          if (failed) failed.hidden = false;
          area.focus();
          area.select();
        });
      });
    }

    if (resetBtn) {
      var resetLabel = resetBtn.textContent.trim();
      var endUndo = function () {
        undo = null;
        clearTimeout(undoTimer);
        resetBtn.classList.remove("is-undo");
        buttonText(resetBtn, resetLabel);
        update();
      };
      resetBtn.addEventListener("click", function () {
        if (undo) {
          undo.forEach(function (u) { store.set(u.key, u.value); });
          boxes.forEach(applyStored);
          endUndo();
          refreshAll();
          return;
        }
        undo = stored().map(function (b) { return { key: b._pbKey, value: store.get(b._pbKey) }; });
        undo.forEach(function (u) { store.remove(u.key); });
        boxes.forEach(applyStored);
        resetBtn.classList.add("is-undo");
        buttonText(resetBtn, resetBtn.getAttribute("data-label-undo") || resetLabel);
        resetBtn.disabled = false;
        refreshAll();
        undoTimer = setTimeout(endUndo, 8000);
      });
    }

    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        if (box.checked === box.defaultChecked) store.remove(box._pbKey);
        else store.set(box._pbKey, box.checked ? "1" : "0");
        // The same item elsewhere on the page follows.
        (byKey[box._pbKey] || []).forEach(function (other) { other.checked = box.checked; });
        if (undo) endUndo();
        refreshAll();
      });
    });

    update();
    return { list: list, update: update };
  }

  function refreshAll() {
    checklists.forEach(function (c) { c.update(); });
  }

  function setupChecklists() {
    var all = document.querySelectorAll("input.task-box");
    if (!all.length) return;
    var tools = document.getElementById("pb-checklist-tools");
    // Group the checkboxes by their outermost task list, so a nested list
    // counts toward the list it is in.
    var roots = [];
    var groups = [];
    Array.prototype.forEach.call(all, function (box) {
      var li = box.closest("li");
      if (!li || !li.parentElement) return;
      var root = li.parentElement;
      for (var a = root.parentElement; a; a = a.parentElement) {
        if ((a.tagName === "UL" || a.tagName === "OL") && a.querySelector(":scope > li > input.task-box, :scope > li > p > input.task-box")) root = a;
      }
      var i = roots.indexOf(root);
      if (i < 0) { roots.push(root); groups.push([]); i = roots.length - 1; }
      box.disabled = false;
      box._pbKey = STORE_PREFIX + pageKeyOf(root) + "#" + (box.getAttribute("data-task") || "");
      (byKey[box._pbKey] = byKey[box._pbKey] || []).push(box);
      applyStored(box);
      labelTask(box);
      groups[i].push(box);
    });
    roots.forEach(function (root, i) {
      checklists.push(setupChecklist(root, groups[i], tools));
    });
    // Ticks made in another tab or window show up here too.
    window.addEventListener("storage", function (e) {
      if (e.key !== null && e.key.indexOf(STORE_PREFIX) !== 0) return;
      Object.keys(byKey).forEach(function (k) {
        if (e.key === null || e.key === k) byKey[k].forEach(applyStored);
      });
      refreshAll();
    });
  }

  // On the /checklists/ page each row lists its items' ids; add the
  // reader's progress to the row.
  function setupChecklistIndex() {
    var cells = document.querySelectorAll("[data-checklist-items]");
    if (!cells.length) return;
    var tools = document.getElementById("pb-checklist-tools");
    var p = tools && tools.content.querySelector(".checklist-progress");
    var fmt = (p && p.getAttribute("data-format")) || "{done} / {total}";
    Array.prototype.forEach.call(cells, function (cell) {
      var page = pageKeyOf(cell);
      var items = cell.getAttribute("data-checklist-items").split(" ").filter(Boolean);
      var done = items.filter(function (it) {
        var parts = it.split(":");
        var v = store.get(STORE_PREFIX + page + "#" + parts[0]);
        return v === "1" || (v === null && parts[1] === "x");
      }).length;
      if (!done) return;
      var span = document.createElement("span");
      span.className = "checklist-index-progress" + (done === items.length ? " is-complete" : "");
      span.textContent = formatProgress(fmt, done, items.length);
      var count = cell.querySelector(".item-count");
      if (count) count.hidden = true;
      cell.appendChild(span);
    });
  }

  /* ---- Diagrams ----
   * A page with Mermaid diagrams (<pre class="mermaid">) loads the library
   * and js/diagrams.js, which draws them; other pages load neither. This
   * file loads them, rather than the layout, so that a site's own
   * base.html draws diagrams too. */
  function setupDiagrams() {
    if (!themeSrc || !document.querySelector("pre.mermaid")) return;
    var load = function (rel, next) {
      var s = document.createElement("script");
      s.src = themeSrc.replace(/js\/theme\.js(\?.*)?$/, rel);
      if (next) s.onload = next;
      document.head.appendChild(s);
    };
    load("vendor/mermaid/mermaid.min.js", function () {
      // Not on its own, at the page's load: diagrams.js draws them.
      if (window.mermaid) window.mermaid.initialize({ startOnLoad: false });
      load("js/diagrams.js");
    });
  }

  /* ---- Math ----
   * A page with TeX math (the .math elements the Markdown's $…$, $$…$$,
   * \(…\), \[…\] and ```math become, holding the TeX between \( \) or
   * \[ \]) loads KaTeX, which draws each as MathML: the browser sets it
   * in its own math font, so no stylesheet or font is loaded. A formula
   * KaTeX cannot read keeps its TeX, with KaTeX's message as its title.
   * Without scripts, the TeX shows as written. */
  function setupMath() {
    var els = document.querySelectorAll(".math");
    if (!themeSrc || !els.length) return;
    var s = document.createElement("script");
    s.src = themeSrc.replace(/js\/theme\.js(\?.*)?$/, "vendor/katex/katex.min.js");
    s.onload = function () {
      if (!window.katex) return;
      Array.prototype.forEach.call(els, function (el) {
        var display = el.classList.contains("math-display");
        var src = el.textContent;
        var tex = src.trim().replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
        try {
          window.katex.render(tex, el, { displayMode: display, output: "mathml", throwOnError: true });
          el.classList.add("math-drawn");
          // A formula wider than the column scrolls: the keyboard reaches
          // it (WCAG 2.1.1).
          if (display && el.scrollWidth > el.clientWidth) el.tabIndex = 0;
        } catch (e) {
          el.textContent = src; // which KaTeX emptied
          el.title = e.message;
          el.classList.add("math-error");
        }
      });
    };
    document.head.appendChild(s);
  }

  function init() {
    setupDiagrams();
    setupMath();
    setupMenu();
    setupLangMenu();
    revealCurrent();
    setupToc();
    setupAnchors();
    setupCopy();
    setupTables();
    setupChecklists();
    setupChecklistIndex();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
