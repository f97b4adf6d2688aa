import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * App credentials: a client id and a 256-bit random secret, shown once. The
 * secret is stored as its SHA-256: a memory-hard hash protects guessable
 * passwords, but a random 256-bit secret cannot be guessed, and a slow hash
 * on every token request would hand attackers a cheap way to load the pool.
 */
export function newClientId(): string {
  return `app_${randomBytes(12).toString('base64url')}`;
}

export function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashClientSecret(secret: string): string {
  return `sha256$${createHash('sha256').update(secret, 'utf8').digest('base64url')}`;
}

export function clientSecretMatches(secret: string, stored: string): boolean {
  const given = Buffer.from(hashClientSecret(secret));
  const expected = Buffer.from(stored);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
