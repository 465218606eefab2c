/*
 * playbook default theme: optional enhancements. Every page works without
 * this file; it only adds
 *   - a real menu button (with aria-expanded) for the narrow-screen sidebar,
 *   - folding of the "On this page" box on narrow screens and highlighting
 *     of the current section in it on wide screens,
 *   - "#" links beside headings and copy buttons on code blocks,
 *   - keyboard scrolling for tables wider than the page.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

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
    var headings = document.querySelectorAll(".prose h2[id], .prose h3[id], .prose h4[id]");
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

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.className = "visually-hidden";
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      document.body.removeChild(ta);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
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

  function init() {
    setupMenu();
    setupToc();
    setupAnchors();
    setupCopy();
    setupTables();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
