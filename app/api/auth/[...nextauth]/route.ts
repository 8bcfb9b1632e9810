import NextAuth from 'next-auth';
import { authOptions, authRequestHeaders } from '@/server/auth/options';

// next-auth 4 types NextAuth() as `any`; the App Router calls the handler as (Request, context).
const nextAuth = NextAuth(authOptions) as (request: Request, context: unknown) => Promise<Response>;

/** next-auth's handler, with the request's headers at hand for its events (the sign-out's address in the log). */
function handler(request: Request, context: unknown): Promise<Response> {
  return authRequestHeaders.run(Object.fromEntries(request.headers), () => nextAuth(request, context));
}

export { handler as GET, handler as POST };
