import type { Metadata } from 'next';
import { connection } from 'next/server';
import { HydrationMark } from '@/components/hydration-mark';
import './globals.css';

export const metadata: Metadata = {
  title: 'Электронный журнал СПО',
  description: 'Электронный классный журнал колледжа',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, the 404 page too: its scripts need the request's nonce (proxy.ts).
  await connection();
  return (
    <html lang="ru">
      <body>
        {children}
        <HydrationMark />
      </body>
    </html>
  );
}
