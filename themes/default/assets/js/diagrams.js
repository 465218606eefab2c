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
 * size scrolls sideways at half its size, measured again when the window's
 * width changes; one shown below its size has a button that opens it at
 * its size in a dialog. A diagram that does not parse
 * keeps its source, with the library's message below it. Without scripts,
 * the source shows as text. Text on a fill the diagram sets itself
 * (classDef, style, a sequence diagram's rect or box) that the scheme's
 * text colour would leave unreadable is drawn dark or light instead.
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

  // themeName is the Mermaid theme a diagram names for itself.
  var themeName = /\btheme\b["']?\s*:\s*["']?([\w-]+)/;

  function draw(i) {
    var b = blocks[i], st = state[i], want = scheme();
    var config = {
      startOnLoad: false, securityLevel: "strict", suppressErrorRendering: true,
      // A gantt chart is drawn as wide as its place, not the window.
      gantt: { useWidth: b.offsetWidth || undefined }
    };
    // The scheme a diagram is drawn in: the page's, or, for one in a
    // Mermaid theme of its own, "own-dark" for Mermaid's dark theme and
    // "own-light" for the others, which the stylesheet puts on a light
    // panel in the dark scheme.
    var drawn = want;
    if (!ownTheme.test(st.source)) {
      config.theme = "base";
      config.themeVariables = themeVariables();
    } else {
      var m = themeName.exec(st.source);
      drawn = m && m[1] === "dark" ? "own-dark" : "own-light";
    }
    mermaid.initialize(config);
    return mermaid.render("pb-diagram-" + (++ids), st.source).then(function (out) {
      b.innerHTML = out.svg;
      b.setAttribute("data-scheme", drawn);
      // Measured as drawn, not as the source's box.
      b.setAttribute("data-processed", "true");
      if (out.bindFunctions) out.bindFunctions(b);
      b.classList.remove("mermaid-failed");
      drop(b, "mermaid-error");
      keepReadable(b);
      readableText(b);
      if (shown && shown.b === b) shown.show();
    }, function (err) {
      b.textContent = st.source;
      b.setAttribute("data-processed", "true");
      b.classList.add("mermaid-failed");
      drop(b, "mermaid-tools");
      drop(b, "mermaid-error");
      var p = document.createElement("p");
      p.className = "mermaid-error";
      p.setAttribute("role", "note");
      p.textContent = String(err && err.message || err);
      b.after(p);
    }).then(function () {
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
      if (svg) svg.style.minWidth = "";
      b.removeAttribute("tabindex");
    }
    // A diagram shown below its size gets a button that opens it at its
    // size.
    var small = natural > 0 && svg.getBoundingClientRect().width < natural * 0.9;
    var t = next(b, "mermaid-tools");
    // A button that has the keyboard's focus stays.
    if (!small && t && t.contains(document.activeElement)) return;
    if (small && !t) {
      t = document.createElement("p");
      t.className = "mermaid-tools";
      var open = document.createElement("button");
      open.type = "button";
      open.className = "mermaid-open";
      open.innerHTML = expandIcon;
      open.appendChild(document.createTextNode(label("open", "Full size")));
      open.addEventListener("click", function () { fullSize(b); });
      t.appendChild(open);
      b.after(t);
    } else if (!small && t) {
      t.remove();
    }
  }

  var expandIcon = '<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M14 4h6v6M10 20H4v-6M20 4l-7 7M4 20l7-7"/></svg>';

  // label returns the theme's text for the diagram tools in the page's
  // language (data-label-diagram-… on <body>), or the English given.
  function label(name, english) {
    return document.body.getAttribute("data-label-diagram-" + name) || english;
  }

  // next returns the element after a diagram's block if it has the class
  // cls (its tools or its error message), else null; drop removes it.
  function next(b, cls) {
    var n = b.nextElementSibling;
    return n && n.classList.contains(cls) ? n : null;
  }

  function drop(b, cls) {
    var n = next(b, cls);
    if (n) n.remove();
  }

  // shown is the diagram open at its size, if one is: its block and a
  // function that shows the block's drawing in the dialog again, once it
  // is drawn again (in the other scheme).
  var shown = null;

  // fullSize shows a copy of a drawn diagram at its size in a modal
  // dialog that scrolls both ways; Escape, the close button or a click
  // on the backdrop closes it, and the focus goes back to the button.
  function fullSize(b) {
    if (shown || !b.querySelector("svg")) return;
    var d = document.createElement("dialog");
    d.className = "mermaid-dialog";
    d.setAttribute("aria-label", label("open", "Full size"));
    var close = document.createElement("button");
    close.type = "button";
    close.className = "mermaid-close";
    close.textContent = label("close", "Close");
    close.addEventListener("click", function () { d.close(); });
    var body = document.createElement("div");
    body.className = "mermaid-dialog-body";
    body.tabIndex = 0;
    var show = function () {
      var svg = b.querySelector("svg");
      if (!svg) return d.close();
      var copy = svg.cloneNode(true);
      copy.style.width = svg.viewBox.baseVal.width + "px";
      copy.style.minWidth = "";
      copy.style.maxWidth = "none";
      body.replaceChildren(copy);
    };
    show();
    d.appendChild(close);
    d.appendChild(body);
    // Only a click that starts and ends on the backdrop, outside the
    // dialog's box, closes it: not one on the dialog's own margin, nor a
    // drag that selects text and ends outside.
    var outside = function (e) {
      var r = d.getBoundingClientRect();
      return e.target === d && (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom);
    };
    var downOutside = false;
    d.addEventListener("pointerdown", function (e) { downOutside = outside(e); });
    d.addEventListener("click", function (e) { if (downOutside && outside(e)) d.close(); });
    d.addEventListener("close", function () { shown = null; d.remove(); });
    document.body.appendChild(d);
    shown = { b: b, show: show };
    d.showModal();
  }

  // When the column's width changes (a phone turned, a window resized),
  // each drawn diagram is measured against it again; nothing is redrawn.
  var resizing = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      blocks.forEach(function (b, i) { if (state[i].drawnFor) keepReadable(b); });
    }, 150);
  });

  // readableText gives each text of a drawn diagram that reads badly
  // (contrast under 4.5:1) on the fill painted behind it a dark or a
  // light colour, whichever reads better there: the scheme's light text
  // on a pale fill of the diagram's own (classDef, style, a sequence
  // diagram's rect or box) in the dark scheme, or its dark text on a deep
  // one in the light scheme. What is behind a text is the last shape with
  // a solid fill, before it in the SVG (so painted under it), whose box
  // holds the text's middle: an ER row's own rect, a loop label's own box.
  // A text colour the diagram sets that reads well is kept. Everything is
  // measured first and coloured after, so that the page is laid out once.
  // A text's shape is most often the one just before it (its node's); a
  // text on no shape (a gantt's axis) compares itself with every shape,
  // which a diagram's 50,000 characters bound.
  function readableText(b) {
    var svg = b.querySelector("svg");
    if (!svg) return;
    var shapes = [], mends = [];
    svg.querySelectorAll("rect, polygon, circle, ellipse, path, text, tspan, foreignObject *").forEach(function (el) {
      if (el.closest("defs, marker")) return;
      var name = el.localName;
      if (name === "rect" || name === "polygon" || name === "circle" || name === "ellipse" || name === "path") {
        var fill = opaque(getComputedStyle(el).fill);
        if (fill) shapes.push({ fill: fill, box: el.getBoundingClientRect() });
        return;
      }
      if (!ownText(el) || (name === "text" && el.querySelector("tspan"))) return;
      var r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
      for (var k = shapes.length - 1; k >= 0; k--) {
        var box = shapes[k].box;
        if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) {
          var pick = mend(el, shapes[k].fill);
          if (pick) mends.push([el, pick]);
          return;
        }
      }
    });
    mends.forEach(function (m) {
      m[0].style.setProperty(m[0] instanceof SVGElement ? "fill" : "color", "rgb(" + m[1].join(",") + ")", "important");
    });
  }

  // ownText reports whether el holds text of its own, not only its
  // children's.
  function ownText(el) {
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3 && n.nodeValue.trim()) return true;
    }
    return false;
  }

  // mend returns the colour for el's text when its own reads badly
  // (contrast under 4.5:1) on bg, an [r, g, b] colour: the theme's dark
  // or light text, or on a middling fill (GitLab's orange) black or
  // white, whichever reads best, if it reads better; otherwise null.
  function mend(el, bg) {
    var cs = getComputedStyle(el);
    var fg = opaque(el instanceof SVGElement ? cs.fill : cs.color);
    if (!fg || contrast(fg, bg) >= 4.5) return null;
    var pick = fg;
    textColours.forEach(function (c) {
      if (contrast(pick, bg) < 4.5 && contrast(c, bg) > contrast(pick, bg)) pick = c;
    });
    return pick === fg ? null : pick;
  }

  // textColours are the colours mend picks from, in the order it
  // prefers them.
  var textColours = [[31, 35, 40], [246, 248, 250], [0, 0, 0], [255, 255, 255]];

  // opaque reads a computed colour, "rgb(r, g, b)" or "rgba(r, g, b, a)",
  // as [r, g, b]; it gives null for none, a gradient or a see-through one.
  function opaque(c) {
    var m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(c || "");
    if (!m || (m[4] !== undefined && +m[4] < 0.9)) return null;
    return [+m[1], +m[2], +m[3]];
  }

  // contrast is the WCAG contrast ratio of two [r, g, b] colours.
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function luminance(c) {
    var v = c.map(function (x) {
      x /= 255;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
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
