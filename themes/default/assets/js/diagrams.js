/*
 * playbook default theme: draws the page's Mermaid diagrams, the
 * <pre class="mermaid"> blocks that ```mermaid fences become, with the
 * vendored library (assets/vendor/mermaid/), which theme.js loads before
 * this file on pages that have a diagram.
 *
 * A diagram is drawn once it is shown and near the screen, so that one in
 * a hidden tab or a closed box is drawn at its size when it opens, and a
 * page of many diagrams draws only those read. Diagrams take the theme's
 * colours and font in the reader's light or dark scheme, and are drawn
 * again when it changes; one that names a Mermaid theme of its own keeps
 * that theme's colours. One that the column would shrink below half its
 * size scrolls sideways at half its size. A diagram that does not parse
 * keeps its source, with the library's message below it. Without scripts,
 * the source shows as text.
 */
(function () {
  "use strict";

  var blocks = Array.prototype.slice.call(document.querySelectorAll("pre.mermaid"));
  if (!blocks.length || !window.mermaid) return;
  var root = document.documentElement;
  var dark = window.matchMedia("screen and (prefers-color-scheme: dark)");
  var state = blocks.map(function (b) {
    return { source: b.textContent, near: false, drawnFor: "" };
  });
  var index = new Map(blocks.map(function (b, i) { return [b, i]; }));
  var minScale = 0.5; // see keepReadable
  var queue = Promise.resolve();
  var queued = 0;
  var ids = 0;

  function scheme() { return dark.matches ? "dark" : "light"; }

  // The theme's own colours and font, as the stylesheet sets them for
  // the scheme in force.
  function themeVariables() {
    var css = getComputedStyle(root);
    var v = function (name) { return css.getPropertyValue(name).trim(); };
    return {
      darkMode: dark.matches,
      background: v("--bg"),
      primaryColor: v("--accent-bg"),
      primaryBorderColor: v("--accent"),
      primaryTextColor: v("--fg"),
      secondaryColor: v("--bg-muted"),
      tertiaryColor: v("--bg-subtle"),
      lineColor: v("--fg-muted"),
      edgeLabelBackground: v("--bg-muted"),
      textColor: v("--fg"),
      fontFamily: getComputedStyle(document.body).fontFamily
    };
  }

  // ownTheme says that a diagram chooses a Mermaid theme itself, in an
  // init directive or in its front matter's config.
  var ownTheme = /%%\{[\s\S]*?\btheme\b[\s\S]*?\}%%|^\s*---[\s\S]*?^\s*theme\s*:/m;

  function draw(i) {
    var b = blocks[i], st = state[i], want = scheme();
    var config = { startOnLoad: false, securityLevel: "strict", suppressErrorRendering: true };
    if (!ownTheme.test(st.source)) {
      config.theme = "base";
      config.themeVariables = themeVariables();
    }
    mermaid.initialize(config);
    return mermaid.render("pb-diagram-" + (++ids), st.source).then(function (out) {
      b.innerHTML = out.svg;
      if (out.bindFunctions) out.bindFunctions(b);
      b.classList.remove("mermaid-failed");
      clearError(b);
      keepReadable(b);
    }, function (err) {
      b.textContent = st.source;
      b.classList.add("mermaid-failed");
      clearError(b);
      var p = document.createElement("p");
      p.className = "mermaid-error";
      p.setAttribute("role", "note");
      p.textContent = String(err && err.message || err);
      b.after(p);
    }).then(function () {
      b.setAttribute("data-processed", "true");
      st.drawnFor = want;
    });
  }

  // keepReadable shows a diagram that the column would shrink below half
  // its size at half its size, in a box that scrolls sideways and takes
  // the keyboard's focus, so that its text stays readable on a phone.
  function keepReadable(b) {
    var svg = b.querySelector("svg");
    var natural = svg && svg.viewBox && svg.viewBox.baseVal ? svg.viewBox.baseVal.width : 0;
    var wide = natural > 0 && b.clientWidth < natural * minScale;
    b.classList.toggle("mermaid-wide", wide);
    if (wide) {
      svg.style.minWidth = Math.round(natural * minScale) + "px";
      b.tabIndex = 0;
    } else {
      b.removeAttribute("tabindex");
    }
  }

  function clearError(b) {
    var old = b.nextElementSibling;
    if (old && old.classList.contains("mermaid-error")) old.remove();
  }

  // Once nothing near the screen waits to be drawn, the root element's
  // data-diagrams names the scheme the diagrams were drawn for, "light"
  // or "dark", for whatever waits for them (tests that look at the page
  // as a reader sees it).
  function settle() {
    if (queued === 0) root.setAttribute("data-diagrams", scheme());
  }

  function request(i) {
    var st = state[i];
    if (!st.near || st.queued || st.drawnFor === scheme()) return;
    st.queued = true;
    queued++;
    root.removeAttribute("data-diagrams");
    queue = queue.then(function () {
      st.queued = false;
      // The scheme may have changed, or the diagram gone from view, while
      // it waited.
      if (st.near && st.drawnFor !== scheme()) return draw(i);
    }).then(function () {
      queued--;
      settle();
    });
  }

  var seen = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      var i = index.get(e.target);
      state[i].near = e.isIntersecting;
      request(i);
    });
    settle();
  }, { rootMargin: "100% 0px" });
  blocks.forEach(function (b) { seen.observe(b); });

  function redraw() {
    blocks.forEach(function (b, i) { request(i); });
    settle();
  }
  if (dark.addEventListener) dark.addEventListener("change", redraw);
  else if (dark.addListener) dark.addListener(redraw);
})();
