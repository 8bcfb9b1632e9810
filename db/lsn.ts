/**
 * PostgreSQL WAL positions (`pg_lsn`, written `X/Y`: two hexadecimal 32-bit halves): what a write's position is
 * compared with to know whether a replica has replayed it (PostgreSQL 15 has no `WAIT FOR LSN`).
 */

/** `X/Y` → a number of bytes; null for anything that is not a WAL position. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text?.trim() ?? '');
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

/** True when the replica's replayed position `replayed` is at or past `wanted` (both `X/Y`). */
export function hasReplayed(replayed: string, wanted: string): boolean {
  const r = parseLsn(replayed);
  const w = parseLsn(wanted);
  return r !== null && w !== null && r >= w;
}
