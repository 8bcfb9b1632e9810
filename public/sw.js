/*
 * The family portal offline (issue #13, item 5): pages of the portal and the timetable are fetched from the network
 * first and kept; without a connection the last kept copy is shown. Nothing else is cached. Sign-out clears the cache
 * (components/auth/sign-out-button.tsx).
 */
const CACHE = 'ezh-family';
const KEPT = [/^\/family(\?|$)/, /^\/timetable\/my(\?|$)/];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.mode !== 'navigate') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !KEPT.some((re) => re.test(url.pathname + url.search))) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request).then((hit) => hit ?? Response.error())),
  );
});
