import 'server-only';
import { getServerSession } from 'next-auth';
import { loadActor, type Actor } from '../policy/actor';
import { getDb } from '../db';
import { authOptions } from './options';

/** The signed-in actor of this request, re-read from the database; null for anonymous, disabled or revoked users. */
export async function currentActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  if (!session?.userId) return null;
  return loadActor(await getDb(), session.userId, session.sessionEpoch);
}
