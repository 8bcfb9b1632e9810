'use client';

import { useEffect } from 'react';

/**
 * Marks the page as alive (`<body data-hydrated>`) once React has hydrated it. Until then the buttons that only work
 * with the page's script (`type="button"`) take no clicks (app/globals.css): a click on the server's HTML before the
 * script runs would do nothing and be lost. Forms' submit buttons work without the script and are not held.
 */
export function HydrationMark() {
  useEffect(() => {
    document.body.dataset.hydrated = '';
  }, []);
  return null;
}
