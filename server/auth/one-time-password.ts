import crypto from 'node:crypto';

// No look-alikes (0/O, 1/l/I): the password is read from paper and typed by hand.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password: shown once, printed on a slip, changed by its owner at the first sign-in. */
export function oneTimePassword(length = 10): string {
  const bytes = crypto.randomBytes(length);
  return [...bytes].map((b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('');
}
