import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth/options';

// next-auth 4 types NextAuth() as `any`; the App Router calls the handler as (Request, context).
const handler = NextAuth(authOptions) as (request: Request, context: unknown) => Promise<Response>;

export { handler as GET, handler as POST };
