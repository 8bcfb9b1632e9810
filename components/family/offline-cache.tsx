'use client';

import { useEffect, useState } from 'react';

/**
 * The portal works offline (issue #13, item 5): registers the service worker (public/sw.js), which keeps the last
 * loaded portal pages, and says so when the phone has no connection. The cache is cleared at sign-out.
 */
export function OfflineCache() {
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    const update = () => setOffline(!navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  if (!offline) return null;
  return (
    <div className="notice" role="status">
      Нет связи с сервером: показаны данные, загруженные ранее.
    </div>
  );
}
