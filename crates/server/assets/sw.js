// Vigie's service worker: after one visit, the reporting page opens with no network.
//
// The server fills in VERSION (a hash of the built pages, so that a new build installs a
// new worker) and SHELL (the reporting page and the files it loads). The page is asked
// of the network first (a new build is seen at once), and answered from the cache when
// the network fails or is too slow; the hashed files never change and come from the
// cache. The user and their sites are kept from the last visit, for the form to open
// offline; they are forgotten at logout. A report made offline waits in the page's own
// queue and is sent by the page when the network returns; its photo waits here, in
// IndexedDB under the report's idempotency key, and is sent to the incident once the page
// says which one the report became.
const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const CACHE = "vigie-" + VERSION;
const PAGES = ["/report", "/login"];
const KEPT = ["/api/me", "/api/sites"];
const PATIENCE_MS = 3000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL).then(() => keep(cache)))
      .then(() => self.skipWaiting()),
  );
});

// The user and their sites as they are now, for a visit with no network (nothing kept when
// nobody is logged in).
function keep(cache) {
  return Promise.all(
    KEPT.map((path) =>
      fetch(path, { credentials: "same-origin" })
        .then((response) => (response.ok ? cache.put(path, response) : undefined))
        .catch(() => undefined),
    ),
  );
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("vigie-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/api/logout") {
    event.respondWith(caches.open(CACHE).then((cache) => Promise.all(KEPT.map((k) => cache.delete(k)))).then(() => fetch(request)));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate" && PAGES.includes(url.pathname)) {
    event.respondWith(networkFirst(request, "/report"));
  } else if (KEPT.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  }
});

// The network's answer, kept for next time; the cache's when the network fails or takes
// longer than PATIENCE_MS (a basement's last bar of signal).
async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(key, response.clone());
    return response;
  });
  const late = new Promise((resolve) => setTimeout(resolve, PATIENCE_MS));
  try {
    const first = await Promise.race([network, late]);
    if (first) return first;
    const hit = await cache.match(key);
    return hit || (await network);
  } catch (error) {
    const hit = await cache.match(key);
    if (hit) return hit;
    throw error;
  }
}

// The page's messages about a waiting report's photo: keep it ("keep-photo", the file under
// the report's key), or send it to the incident the report became ("send-photo").
self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "keep-photo" && message.key && message.file) {
    event.waitUntil(photos("readwrite", (store) => store.put(message.file, message.key)));
  } else if (message.type === "send-photo" && message.key && message.incident) {
    event.waitUntil(sendPhoto(message.key, message.incident));
  }
});

// One transaction on the kept photos; resolves with the request's result.
function photos(mode, work) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("vigie-photos", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("photos");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("photos", mode);
      const request = work(tx.objectStore("photos"));
      tx.oncomplete = () => {
        db.close();
        resolve(request.result);
      };
      tx.onerror = () => {
        db.close();
        reject(tx.error);
      };
    };
  });
}

// Sends the photo kept under `key` to the incident, once: forgotten when the server took it
// or refused it for good (its type, its size, the incident closed); kept when the network
// failed or the session ended, for the page to ask again.
async function sendPhoto(key, incident) {
  const file = await photos("readonly", (store) => store.get(key));
  if (!file) return;
  const body = new FormData();
  body.append("file", file, file.name || "photo");
  const response = await fetch(`/api/incidents/${incident}/attachments`, { method: "POST", body, credentials: "same-origin" });
  if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 401)) {
    await photos("readwrite", (store) => store.delete(key));
  }
}
