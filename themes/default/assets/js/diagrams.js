/*
 * playbook default theme: draws the page's Mermaid diagrams, the
 * <pre class="mermaid"> blocks that ```mermaid fences become, with the
 * vendored library (assets/vendor/mermaid/), which base.html loads before
 * this file on pages that have a diagram. The diagrams take the theme's
 * colours and font in the reader's light or dark scheme, and are drawn
 * again when it changes. A diagram
 * that does not parse keeps its source, with the library's message below
 * it. Without scripts, the source shows as text.
 */
(function () {
  "use strict";

  var blocks = Array.prototype.slice.call(document.querySelectorAll("pre.mermaid"));
  if (!blocks.length || !window.mermaid) return;
  var sources = blocks.map(function (b) { return b.textContent; });
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  var drawing = Promise.resolve();

  // The theme's own colours and font, as the stylesheet sets them for
  // the scheme in force.
  function themeVariables() {
    var css = getComputedStyle(document.documentElement);
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

  // Once the diagrams are drawn, the root element's data-diagrams names
  // the scheme they were drawn for, "light" or "dark", for whatever waits
  // for them (tests that look at the page as a reader sees it).
  function draw() {
    var scheme = dark.matches ? "dark" : "light";
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: "base",
      themeVariables: themeVariables()
    });
    blocks.forEach(function (b, i) {
      var old = b.nextElementSibling;
      if (old && old.classList.contains("mermaid-error")) old.remove();
      b.removeAttribute("data-processed");
      b.classList.remove("mermaid-failed");
      b.textContent = sources[i];
    });
    var drawn = blocks.reduce(function (done, b, i) {
      return done.then(function () {
        return mermaid.run({ nodes: [b] }).catch(function (err) {
          // The library leaves an error drawing; the source says more.
          b.textContent = sources[i];
          b.classList.add("mermaid-failed");
          var p = document.createElement("p");
          p.className = "mermaid-error";
          p.setAttribute("role", "note");
          p.textContent = String(err && err.message || err);
          b.after(p);
        });
      });
    }, Promise.resolve());
    return drawn.then(function () {
      document.documentElement.setAttribute("data-diagrams", scheme);
    });
  }

  function redraw() { drawing = drawing.then(draw); }
  redraw();
  if (dark.addEventListener) dark.addEventListener("change", redraw);
  else if (dark.addListener) dark.addListener(redraw);
})();
