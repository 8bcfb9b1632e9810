/**
 * The security headers of every response (issue #14, item 5; OWASP ASVS 4.0 level 2, V14.4 «HTTP Security Headers»).
 * Pages get a Content-Security-Policy with a fresh nonce per request (proxy.ts): Next.js puts it on its own scripts,
 * `'strict-dynamic'` lets the chunks they load run, and nothing else — no inline script, no `eval` (development only:
 * React's dev tools need it). Styles allow inline: the grid (AG Grid's theming) and React set `style` attributes and
 * inject `<style>` elements, which no nonce covers.
 */

/** The policy of an HTML page with its request's `nonce`. */
export function pageContentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The policy of everything that is not a page (tRPC answers, reports, files): no site may frame it. Nothing stricter:
 * a browser shows a PDF report in its own viewer, which a `default-src 'none'` or `sandbox` would block.
 */
export const NON_PAGE_CONTENT_SECURITY_POLICY = "frame-ancestors 'none'";

/**
 * The policy of the small HTML page a refused route shows a browser (domain/refusal-page.ts): nothing loads or runs
 * but the page's one inline style, allowed by its hash (`sha256-…`); no form, no base, no framing. The page carries it
 * twice: as its header, and in a `<meta>` (`delivery: 'meta'`, without `frame-ancestors`, which a `<meta>` cannot
 * carry) — Next's own header for `/api` (next.config.ts) replaces a route's header in the production server.
 */
export function refusalPageContentSecurityPolicy(styleHash: string, delivery: 'header' | 'meta' = 'header'): string {
  const directives = ["default-src 'none'", `style-src '${styleHash}'`, "base-uri 'none'", "form-action 'none'"];
  if (delivery === 'header') directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

/**
 * The headers every response carries, whatever it is. Not `Cross-Origin-Opener-Policy: same-origin`: with it Chromium
 * swaps a tab's browsing context group when it leaves for another page, and the journal's `pagehide` hand-over of
 * unsent edits to the other tabs (components/journal/save-queue.ts `leave`) did not reach them — measured by
 * e2e/outbox-faults.spec.ts, which then failed 2 runs in 3.
 */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

/** Strict-Transport-Security for a response over HTTPS (a year; never over plain HTTP: a college PC on the LAN). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';
