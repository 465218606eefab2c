// live.js: added to every page by "playbook serve", never to a built site.
// It follows the preview server's events: reload when this page changed,
// swap stylesheets when only CSS changed, and show build errors over the
// page while the site is broken. Tabs share one connection through a
// SharedWorker where the browser has one.
(() => {
  'use strict';
  const me = document.currentScript;
  const base = new URL('.', me.src);
  let gen = me.dataset.gen || null; // the build this page is of
  let css = me.dataset.css || null; // the build its stylesheets are of
  const scrollKey = 'playbook-live-scroll:' + location.pathname;

  // After a reload this script asked for, go back to where the reader was.
  const saved = sessionStorage.getItem(scrollKey);
  if (saved) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = JSON.parse(saved);
    const restore = () => window.scrollTo(x, y);
    restore();
    document.addEventListener('DOMContentLoaded', restore, { once: true });
    window.addEventListener('load', restore, { once: true });
  }

  function reload() {
    sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  }

  // here is this page's path as the server names changed pages.
  function here() {
    let p = decodeURIComponent(location.pathname);
    if (p.endsWith('/index.html')) p = p.slice(0, -'index.html'.length);
    return p;
  }

  // affects says whether a change to these paths (null: everything but
  // the pages in except) concerns this page: the page itself, or any file
  // that is not a page.
  function affects(paths, except) {
    const p = here();
    if (!paths) return !(except && except.includes(p));
    return paths.some((q) => q === p || !(q.endsWith('/') || q.endsWith('.html')));
  }

  // swapCSS loads the stylesheets at these paths (null: all of the site's)
  // again, removing the old link once the new one has loaded.
  function swapCSS(paths) {
    const want = paths && new Set(paths);
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || link.id === 'playbook-live-css') continue;
      if (want && !want.has(decodeURIComponent(url.pathname))) continue;
      url.searchParams.set('playbook-live', Date.now().toString(36));
      const next = link.cloneNode();
      next.href = url.href;
      next.addEventListener('load', () => link.remove(), { once: true });
      next.addEventListener('error', () => next.remove(), { once: true });
      link.after(next);
    }
  }

  // The error overlay, which also shows warnings about playbook.toml
  // while the site builds. Messages go in as text, never as HTML.
  let overlay = null;
  function showErrors(errors, warnings) {
    const onlyWarnings = (!errors || errors.length === 0) && warnings && warnings.length > 0;
    if (onlyWarnings) errors = warnings;
    if (!errors || errors.length === 0) {
      if (overlay) overlay.remove();
      overlay = null;
      return;
    }
    if (!document.getElementById('playbook-live-css')) {
      const css = document.createElement('link');
      css.id = 'playbook-live-css';
      css.rel = 'stylesheet';
      css.href = new URL('live.css', base).href;
      document.head.append(css);
    }
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'playbook-live-errors';
      overlay.setAttribute('role', 'alert');
    }
    overlay.classList.toggle('playbook-live-warnings', onlyWarnings);
    const title = document.createElement('p');
    title.className = 'playbook-live-title';
    if (onlyWarnings) {
      title.textContent = errors.length === 1 ? 'playbook.toml has a warning; the site is built without that setting.'
        : `playbook.toml has ${errors.length} warnings; the site is built without those settings.`;
    } else {
      title.textContent = errors.length === 1 ? 'The site has an error; the last good version is shown.'
        : `The site has ${errors.length} errors; the last good version is shown.`;
    }
    const list = document.createElement('ul');
    for (const e of errors) {
      const li = document.createElement('li');
      const pos = document.createElement('code');
      pos.textContent = e.pos;
      li.append(pos, ': ' + e.msg);
      if (e.line) {
        // The source line, and a caret under the column; a tab stays a
        // tab so that the caret lines up.
        const src = document.createElement('pre');
        let text = e.line;
        if (e.col > 0) {
          const before = Array.from(e.line).slice(0, e.col - 1);
          text += '\n' + before.map((c) => (c === '\t' ? '\t' : ' ')).join('') + '^';
        }
        src.textContent = text;
        li.append(src);
      }
      list.append(li);
    }
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Hide';
    close.addEventListener('click', () => { overlay.hidden = true; });
    overlay.replaceChildren(close, title, list);
    overlay.hidden = false;
    (document.body || document.documentElement).append(overlay);
  }

  function handle(type, data) {
    switch (type) {
      case 'hello':
        // Connected (again): a page of an older build reloads, but one
        // served before its build rendered it, as the build makes it.
        if (gen !== null && data.gen !== gen && data.early !== gen) return reload();
        if (gen === null || data.early !== gen) gen = data.gen; // else kept for the reload that names it current
        // Stylesheets that changed while this page loaded.
        if (css !== null && data.css !== css) swapCSS(null);
        css = data.css;
        showErrors(data.errors, data.warnings);
        break;
      case 'reload':
        if (gen !== data.current && affects(data.paths, data.except)) return reload();
        gen = data.gen;
        css = data.css;
        break;
      case 'css':
        css = data.css;
        swapCSS(data.paths);
        break;
      case 'errors':
        showErrors(data.errors, data.warnings);
        break;
    }
  }
  const types = ['hello', 'reload', 'css', 'errors'];

  let direct = null;
  function connectDirect() {
    if (direct) return;
    direct = new EventSource(new URL('events', base));
    for (const t of types) direct.addEventListener(t, (e) => handle(t, JSON.parse(e.data)));
  }
  if (window.SharedWorker) {
    try {
      const worker = new SharedWorker(new URL('worker.js', base), { name: 'playbook-live' });
      worker.addEventListener('error', connectDirect, { once: true });
      worker.port.onmessage = (e) => handle(e.data.type, e.data.data);
      worker.port.start();
      window.addEventListener('pagehide', () => worker.port.postMessage('bye'));
    } catch (e) {
      connectDirect();
    }
  } else {
    connectDirect();
  }
})();
