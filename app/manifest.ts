import type { MetadataRoute } from 'next';

/** The web app manifest: a phone installs the journal (the family portal first) as an app (issue #13, item 5). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Электронный журнал СПО',
    short_name: 'Журнал',
    description: 'Оценки, посещаемость, расписание и объявления колледжа',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    lang: 'ru',
    background_color: '#f5f7fa',
    theme_color: '#1d5fa8',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  };
}
