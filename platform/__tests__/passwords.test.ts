import { hashPassword, verifyPassword } from '../passwords';
import { clientSecretMatches, hashClientSecret, newClientSecret } from '../app-secrets';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('password hashes', () => {
  it('verify the password they were made from and no other, salted differently each time', async () => {
    const first = await hashPassword('EduPool-demo-2026', CHEAP);
    const second = await hashPassword('EduPool-demo-2026', CHEAP);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('EduPool-demo-2026', first)).toBe(true);
    expect(await verifyPassword('EduPool-demo-2027', first)).toBe(false);
  });

  it('use the memory-hard default (2^15, 32 MiB) unless told otherwise', async () => {
    expect(await hashPassword('x')).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('match nothing when the stored form is malformed', async () => {
    for (const stored of ['', 'plain', 'bcrypt$1$2$3$4$5', 'scrypt$0$8$1$AAAA$AAAA', 'scrypt$x$8$1$AAAA$AAAA']) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });
});

describe('client secrets', () => {
  it('are stored as a hash that matches the secret and nothing else', () => {
    const secret = newClientSecret();
    const stored = hashClientSecret(secret);
    expect(stored).not.toContain(secret);
    expect(clientSecretMatches(secret, stored)).toBe(true);
    expect(clientSecretMatches(`${secret}x`, stored)).toBe(false);
    expect(clientSecretMatches(secret, 'sha256$short')).toBe(false);
  });
});
