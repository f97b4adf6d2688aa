import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKeyPair, type KeyPair, type KeySource } from './keys';

/**
 * The keys that seal what the gateway sends to subgraphs (DESIGN.md "Shape"):
 * - `assertion`: the Ed25519 pair that signs a permissions assertion once per
 *   (permissions, subgraph); subgraphs hold only the public half, so none of
 *   them can mint permissions;
 * - `fetchKey(subgraph)`: the HMAC key of one subgraph, which authenticates each
 *   fetch to it. One key per subgraph, so a subgraph that leaks its key lets an
 *   attacker speak only to that subgraph, never to the others.
 * Per-subgraph keys are derived from one secret with HKDF-SHA256 (salt
 * `edupool-fetch-seal`, info = the subgraph's name), or set one by one, so a
 * subgraph process can be given its own key and not the secret.
 */
export interface ContextKeys {
  readonly assertion: KeyPair;
  fetchKey(subgraph: string): Uint8Array;
}

const FETCH_KEY_BYTES = 32;
const FETCH_KEY_SALT = 'edupool-fetch-seal';

export function deriveFetchKey(secret: Uint8Array, subgraph: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, FETCH_KEY_SALT, subgraph, FETCH_KEY_BYTES));
}

/** Keys held in memory only, for tests and single-process tools. */
export function contextKeysOf(assertion: KeyPair, secret: Uint8Array = randomBytes(FETCH_KEY_BYTES)): ContextKeys {
  const derived = new Map<string, Uint8Array>();
  return {
    assertion,
    fetchKey: (subgraph) => {
      let key = derived.get(subgraph);
      if (!key) {
        key = deriveFetchKey(secret, subgraph);
        derived.set(subgraph, key);
      }
      return key;
    },
  };
}

export interface ContextKeySource extends KeySource {
  /** The secret every per-subgraph key is derived from (base64url). */
  readonly fetchSecret?: string | undefined;
  /** Keys set one by one (base64url), by subgraph name; each wins over the derived one. */
  readonly fetchKeys?: Readonly<Record<string, string | undefined>>;
}

/**
 * The keys of one part. Without a configured secret, the embedded default
 * generates one into the data folder once, so every local process shares it.
 * A subgraph given only its own key (and no secret) can seal for no one else.
 */
export async function loadContextKeys(source: ContextKeySource, needPrivate: boolean): Promise<ContextKeys> {
  const assertion = await loadKeyPair('context', source, needPrivate);
  const configured = new Map(Object.entries(source.fetchKeys ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, key]) => [name, Buffer.from(key, 'base64url')]));
  const onlyOwnKeys = !source.fetchSecret && configured.size > 0;
  const secret = onlyOwnKeys ? undefined
    : source.fetchSecret ? Buffer.from(source.fetchSecret, 'base64url') : await readOrCreateSecret(source.dataDir);
  const derived = secret ? contextKeysOf(assertion, secret) : undefined;
  return {
    assertion,
    fetchKey: (subgraph) => {
      const key = configured.get(subgraph) ?? derived?.fetchKey(subgraph);
      if (!key) throw new Error(`No fetch key for the ${subgraph} subgraph: set ${subgraph.toUpperCase()}_FETCH_KEY or CONTEXT_FETCH_SECRET.`);
      return key;
    },
  };
}

async function readOrCreateSecret(dataDir: string): Promise<Uint8Array> {
  const file = path.join(dataDir, 'keys', 'fetch-seal.secret');
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (text.length > 0) return Buffer.from(text, 'base64url');
    // Another process has created the file and not yet written it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return readOrCreateSecret(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx' so that two processes starting together never overwrite each other's secret: the loser re-reads.
    await writeFile(file, randomBytes(FETCH_KEY_BYTES).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readOrCreateSecret(dataDir);
}
