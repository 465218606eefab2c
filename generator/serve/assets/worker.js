// worker.js: the SharedWorker through which all tabs of a preview share
// one event stream (browsers allow only six HTTP/1.1 connections per
// server, so one stream per tab would stall the seventh tab).
'use strict';
const ports = new Set();
let state = null; // the last hello, kept current, for tabs that join later
const events = new EventSource(new URL('events', self.location));
for (const type of ['hello', 'reload', 'css', 'errors']) {
  events.addEventListener(type, (e) => {
    const data = JSON.parse(e.data);
    if (type === 'hello') state = { gen: data.gen, css: data.css, early: data.early, errors: data.errors, warnings: data.warnings };
    else if (state && type === 'reload') Object.assign(state, { gen: data.gen, css: data.css, early: data.early });
    else if (state && type === 'css') state.css = data.css;
    else if (state && type === 'errors') Object.assign(state, { errors: data.errors, warnings: data.warnings });
    for (const p of ports) p.postMessage({ type, data });
  });
}
self.addEventListener('connect', (e) => {
  const port = e.ports[0];
  ports.add(port);
  port.onmessage = (m) => { if (m.data === 'bye') ports.delete(port); };
  if (state) port.postMessage({ type: 'hello', data: state });
  port.start();
});
