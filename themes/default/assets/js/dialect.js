// Turns Experience League tab groups (div.tabs > section.tab-panel with a
// p.tab-title each) into an accessible tab list. Without this script the
// panels read as titled sections, one after another. Also leads links to
// MkDocs content tabs, and to headings by other tools' ids, where they go.
(function () {
  "use strict";
  var groups = document.querySelectorAll(".tabs");
  var opens = []; // each group's panels and how to show one
  Array.prototype.forEach.call(groups, function (group, g) {
    var panels = group.querySelectorAll(":scope > .tab-panel");
    if (panels.length < 2) return;
    var list = document.createElement("div");
    list.className = "tab-list";
    list.setAttribute("role", "tablist");
    var buttons = [];
    Array.prototype.forEach.call(panels, function (panel, i) {
      var title = panel.querySelector(":scope > .tab-title");
      // An MkDocs content tab keeps its id (__tabbed_1_2), which links use.
      var id = panel.id || "tabs-" + g + "-" + i;
      var button = document.createElement("button");
      button.type = "button";
      button.id = id + "-tab";
      button.setAttribute("role", "tab");
      button.setAttribute("aria-controls", id);
      // The title's markup (`mkdocs.yml` as code) is the button's, unless
      // it holds a link or an id, which a button may not repeat.
      if (title && !title.querySelector("a, [id]")) {
        Array.prototype.forEach.call(title.childNodes, function (c) { button.appendChild(c.cloneNode(true)); });
      } else {
        button.textContent = title ? title.textContent : String(i + 1);
      }
      panel.id = id;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", button.id);
      panel.tabIndex = 0;
      button.addEventListener("click", function () { select(i); });
      button.addEventListener("keydown", function (e) {
        var next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : -2;
        if (next === -2) return;
        e.preventDefault();
        next = (next + panels.length) % panels.length;
        select(next);
        buttons[next].focus();
      });
      buttons.push(button);
      list.appendChild(button);
    });
    function select(n) {
      buttons.forEach(function (b, i) {
        b.setAttribute("aria-selected", i === n ? "true" : "false");
        b.tabIndex = i === n ? 0 : -1;
        panels[i].hidden = i !== n;
      });
    }
    group.insertBefore(list, group.firstChild);
    group.classList.add("is-enhanced");
    select(0);
    opens.push({ panels: panels, select: select });
  });
  // A link to a tab (#__tabbed_1_2, as MkDocs Material's pages have them)
  // shows it, on arrival and when the address's fragment changes.
  function openLinked() {
    var target = location.hash.slice(1);
    try { target = decodeURIComponent(target); } catch (e) { /* "#%": as written */ }
    if (!target) return;
    opens.forEach(function (o) {
      Array.prototype.forEach.call(o.panels, function (panel, i) {
        if (panel.id === target) {
          o.select(i);
          panel.scrollIntoView();
        }
      });
    });
  }
  openLinked();
  window.addEventListener("hashchange", openLinked);

  // A link from elsewhere to a heading by the id another tool gives it (a
  // bookmark of the site as MkDocs or GitHub showed it: #a-b or #a--b for
  // "A & B", where playbook's id is #a-and-b) leads to the heading when no
  // element has that id, and the address then names the heading's own id.
  function otherIDs(text) {
    var t = text.trim().toLowerCase();
    var kept = t.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "");
    var ascii = t.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    return [
      kept.replace(/ /g, "-"), // GitHub
      kept.trim().replace(/[ -]+/g, "-"), // GitLab
      ascii.replace(/[^\w\s-]/g, "").trim().replace(/[-\s]+/g, "-") // MkDocs
    ];
  }
  function findHeading() {
    var target = location.hash.slice(1);
    try { target = decodeURIComponent(target); } catch (e) { /* as written */ }
    if (!target || document.getElementById(target)) return;
    target = target.toLowerCase();
    var hs = document.querySelectorAll("main h1[id], main h2[id], main h3[id], main h4[id], main h5[id], main h6[id]");
    for (var i = 0; i < hs.length; i++) {
      var text = ""; // without the heading's own link, which theme.js adds
      Array.prototype.forEach.call(hs[i].childNodes, function (n) {
        if (!(n.classList && n.classList.contains("heading-anchor"))) text += n.textContent;
      });
      if (otherIDs(text).indexOf(target) >= 0) {
        if (history.replaceState) history.replaceState(history.state, "", "#" + hs[i].id);
        hs[i].scrollIntoView();
        return;
      }
    }
  }
  findHeading();
  window.addEventListener("hashchange", findHeading);
})();
