import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

/**
 * Ed25519 key pairs of the pool: one signs client tokens, one signs the
 * per-request context the gateway sends to subgraphs, one seals the audit
 * chain's head (store/audit/seal; a key the database never holds). Verifiers hold only the
 * public half, so a compromised subgraph cannot mint contexts. Keys come from
 * the environment (JWK JSON) in production; on the embedded default they are
 * generated once into the data folder so every local process shares them.
 */
export type KeyPurpose = 'token' | 'context' | 'audit-seal';

export interface KeyPair {
  readonly privateKey?: KeyLike | Uint8Array;
  readonly publicKey: KeyLike | Uint8Array;
}

export const SIGNING_ALGORITHM = 'EdDSA';

async function readOrCreateKeyFiles(dataDir: string, purpose: KeyPurpose): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const folder = path.join(dataDir, 'keys');
  const privateFile = path.join(folder, `${purpose}.private.jwk.json`);
  const publicFile = path.join(folder, `${purpose}.public.jwk.json`);
  try {
    const [privateText, publicText] = await Promise.all([readFile(privateFile, 'utf8'), readFile(publicFile, 'utf8')]);
    return { privateJwk: JSON.parse(privateText) as JWK, publicJwk: JSON.parse(publicText) as JWK };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const pair = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const privateJwk = await exportJWK(pair.privateKey);
  const publicJwk = await exportJWK(pair.publicKey);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  // 'wx' so that two processes starting together never overwrite each other's key: the loser re-reads.
  try {
    await writeFile(privateFile, JSON.stringify(privateJwk), { flag: 'wx', mode: 0o600 });
    await writeFile(publicFile, JSON.stringify(publicJwk), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readOrCreateKeyFiles(dataDir, purpose);
  }
  return { privateJwk, publicJwk };
}

export interface KeySource {
  readonly dataDir: string;
  readonly signingJwk?: string | undefined;
  readonly verifyJwk?: string | undefined;
}

/** Loads a key pair; `needPrivate` is false for verifiers, which then never touch the private key. */
export async function loadKeyPair(purpose: KeyPurpose, source: KeySource, needPrivate: boolean): Promise<KeyPair> {
  if (source.verifyJwk) {
    const publicKey = await importJWK(JSON.parse(source.verifyJwk) as JWK, SIGNING_ALGORITHM);
    if (!needPrivate) return { publicKey };
    if (!source.signingJwk) throw new Error(`Set the ${purpose.toUpperCase().replace('-', '_')}_SIGNING_KEY (private JWK) for this part.`);
    return { publicKey, privateKey: await importJWK(JSON.parse(source.signingJwk) as JWK, SIGNING_ALGORITHM) };
  }
  const { privateJwk, publicJwk } = await readOrCreateKeyFiles(source.dataDir, purpose);
  return {
    publicKey: await importJWK(publicJwk, SIGNING_ALGORITHM),
    ...(needPrivate ? { privateKey: await importJWK(privateJwk, SIGNING_ALGORITHM) } : {}),
  };
}
