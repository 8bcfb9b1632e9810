import { NextResponse, type NextRequest } from 'next/server';
import { pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from './domain/security-headers';

/**
 * Every page request: a fresh nonce in the Content-Security-Policy (domain/security-headers.ts). Next.js reads the
 * policy from the request to put the nonce on its scripts, the browser enforces it from the response. Over HTTPS
 * (directly, or behind a proxy that says so in `X-Forwarded-Proto`) also Strict-Transport-Security.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    // Pages only: not the API (its own headers: next.config.ts), Next's files, the icons, the manifest, the worker.
    '/((?!api/|_next/static|_next/image|icons/|icon\\.svg|manifest\\.webmanifest|sw\\.js|favicon\\.ico).*)',
  ],
};
