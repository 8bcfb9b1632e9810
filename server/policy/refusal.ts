/**
 * The one refusal type: what services, the policy, routers, report routes and server actions throw when they refuse a
 * request — a status and a Russian message (naming the field for bad input), independent of transport. It is turned
 * into a transport's answer once each: tRPC (server/trpc/init.ts), route handlers (`withRefusals`: JSON, or a page for
 * a browser's navigation), server actions (`refusalResult`).
 */
import { createHash } from 'node:crypto';
import { REFUSAL_PAGE_STYLE, refusalPageHtml, wantsPage } from '../../domain/refusal-page';
import { refusalPageContentSecurityPolicy } from '../../domain/security-headers';
import { MESSAGES } from './messages';

export type RefusalStatus = 400 | 401 | 403 | 404 | 409;

const CODES = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' } as const;
export type RefusalCode = (typeof CODES)[RefusalStatus];

export class Refusal extends Error {
  /** The tRPC code of the status: BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT. */
  readonly code: RefusalCode;
  /** Set when signing in again (or changing the issued password) would lift the refusal. */
  readonly needsSignIn: boolean;

  constructor(
    readonly status: RefusalStatus,
    message: string,
    options: { needsSignIn?: boolean } = {},
  ) {
    super(message);
    this.name = 'Refusal';
    this.code = CODES[status];
    this.needsSignIn = options.needsSignIn ?? status === 401;
  }
}

/** 400: the input is wrong; the message names the field and the reason. */
export function badInput(message: string): Refusal {
  return new Refusal(400, message);
}

/** 403: the record is outside the actor's scope, or does not exist — the caller cannot tell which. */
export function outOfScope(): Refusal {
  return new Refusal(403, MESSAGES.outOfScope);
}

/** 403: the actor may not do this (here, now). */
export function forbidden(message: string = MESSAGES.forbidden): Refusal {
  return new Refusal(403, message);
}

/** 409: the data changed under the request (a concurrent edit, marks that a change would orphan). */
export function conflict(message: string): Refusal {
  return new Refusal(409, message);
}

/**
 * For route handlers (the request first): a refusal becomes its answer (`refusalResponse`); anything else is rethrown.
 */
export function withRefusals<A extends [Request, ...unknown[]]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof Refusal) return refusalResponse(args[0], error);
      throw error;
    }
  };
}

const REFUSAL_PAGE_STYLE_HASH = `sha256-${createHash('sha256').update(REFUSAL_PAGE_STYLE).digest('base64')}`;
const REFUSAL_PAGE_POLICY = refusalPageContentSecurityPolicy(REFUSAL_PAGE_STYLE_HASH);
const REFUSAL_PAGE_META_POLICY = refusalPageContentSecurityPolicy(REFUSAL_PAGE_STYLE_HASH, 'meta');

/**
 * A refusal as a route's answer, with its status: to a browser's navigation (domain/refusal-page.ts `wantsPage`) a small
 * Russian page saying what happened, with «Войти» back to this address for 401 and «На главную» otherwise, under a
 * Content-Security-Policy that allows its one style and nothing else; to anyone else JSON `{ error }`. Never cached.
 */
export function refusalResponse(request: Request, refusal: Refusal): Response {
  const headers = { 'cache-control': 'no-store', vary: 'Accept, Sec-Fetch-Mode' };
  const kind = { secFetchMode: request.headers.get('sec-fetch-mode'), accept: request.headers.get('accept') };
  if (!wantsPage(kind)) return Response.json({ error: refusal.message }, { status: refusal.status, headers });
  const url = new URL(request.url);
  const html = refusalPageHtml({
    status: refusal.status,
    message: refusal.message,
    returnPath: url.pathname + url.search,
    metaPolicy: REFUSAL_PAGE_META_POLICY,
  });
  return new Response(html, {
    status: refusal.status,
    headers: {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': REFUSAL_PAGE_POLICY,
    },
  });
}

/** For server actions that answer `{ ok: false, error }`: a refusal becomes that answer; anything else is rethrown. */
export async function refusalResult<T>(action: () => Promise<T>): Promise<T | { ok: false; error: string }> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    throw error;
  }
}

/**
 * A refusal (400) when a string anywhere in a raw input holds a NUL character (code 0): PostgreSQL's `text` cannot
 * store it and would fail the statement (22021) — refused before any schema or service sees the input, naming the field
 * by its path in the input. Null when there is none.
 */
export function nulRefusal(raw: unknown): Refusal | null {
  const path = nulPath(raw, []);
  return path === null ? null : badInput(`${path || 'Ввод'}: недопустимый символ (код 0)`);
}

function nulPath(value: unknown, path: (string | number)[]): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, i]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key].join('.');
      const found = nulPath(inner, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}
