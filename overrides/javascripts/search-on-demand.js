// Search loads when the reader reaches for it, not with every page.
//
// Material 9.8 requests the search index (an XHR) and starts its search worker as soon as a
// page loads: 31-35 KB of index, 12 KB of worker and 8 KB of lunr languages in every first
// view, for a search most views never open. Material has no setting for this, and its bundle
// is not ours to patch, so this script (run just before the bundle) holds both back:
// - the XHR for search/search_index.json is opened as Material asks but sent only then;
// - the search worker is a stand-in that starts the real worker at its first message, which
//   Material posts once the index is there.
// The reader "reaches for search" by pointing at or touching the search button, focusing the
// search box (Material's "/", "s" and "f" keys do that too), or opening a link with ?q= (a
// shared search) or ?h= (a highlight): then everything starts at once, and a query typed in
// the meantime is searched as soon as the index is ready (Material queues it until then).
// From file:// (the offline copy) nothing changes: Material already waits for the search
// dialog there, and its worker is iframe-worker's.
(() => {
  if (location.protocol === "file:") return;
  const INDEX = /\/search\/search_index\.json$/;
  const WORKER = /\/workers\/search\.[^/]*\.js$/;
  const held = [];
  let wanted = /[?&][qh]=/.test(location.search);

  const start = () => {
    if (wanted) return;
    wanted = true;
    for (const send of held.splice(0)) send();
  };

  const { open, send } = XMLHttpRequest.prototype;
  const deferred = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const target = new URL(url, document.baseURI);
    if (INDEX.test(target.pathname)) deferred.add(this);
    else deferred.delete(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (wanted || !deferred.has(this)) return send.apply(this, body);
    held.push(() => send.apply(this, body));
  };

  // The real worker, made on the first postMessage; its events are passed on unchanged, to
  // listeners and to the on* handlers, as a Worker's.
  const RealWorker = window.Worker;
  class WorkerOnDemand extends EventTarget {
    #real = null;
    #args;
    onmessage = null;
    onmessageerror = null;
    onerror = null;
    constructor(...args) {
      super();
      this.#args = args;
    }
    postMessage(...message) {
      if (!this.#real) {
        this.#real = new RealWorker(...this.#args);
        for (const type of ["message", "messageerror", "error"]) {
          this.#real.addEventListener(type, (event) => {
            const copy = new event.constructor(event.type, event);
            this[`on${type}`]?.(copy); // as a Worker's onmessage, onerror
            this.dispatchEvent(copy);
          });
        }
      }
      this.#real.postMessage(...message);
    }
    terminate() {
      this.#real?.terminate();
    }
  }
  window.Worker = function Worker(url, options) {
    const target = new URL(url, document.baseURI);
    return WORKER.test(target.pathname)
      ? new WorkerOnDemand(url, options)
      : new RealWorker(url, options);
  };

  const onSearchButton = (event) => event.target.closest?.("label[for='__search']") && start();
  document.addEventListener("pointerover", onSearchButton, { passive: true });
  document.addEventListener("pointerdown", onSearchButton, { passive: true });
  document.addEventListener("focusin", (event) => {
    if (event.target.matches?.("[data-md-component='search-query']")) start();
  });
  document.addEventListener("change", (event) => {
    if (event.target.id === "__search" && event.target.checked) start();
  });
})();
