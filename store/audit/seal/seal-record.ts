import { CompactSign, compactVerify, type KeyLike } from 'jose';
import { SIGNING_ALGORITHM } from '../../../platform/keys';

/**
 * A seal of the audit chain's head (issue 11, item 3): the last entry's seq
 * and hash, when they were sealed and why, signed with the pool's audit-seal
 * key, which the database never holds. Someone who can write the database can
 * rewrite the whole chain with fresh hashes, or cut its tail, and the chain
 * alone still verifies; they cannot make a seal that matches.
 */
export type SealReason = 'scheduled' | 'backup' | 'restore';

export interface SealPayload {
  /** seq of the chain's head when sealed. */
  readonly seq: string;
  /** Its hash. */
  readonly hash: string;
  readonly sealedAt: string;
  readonly reason: SealReason;
  /**
   * On a restore: the entries the last seal before it covered that the
   * backup did not hold. They are lost, and this says so for good.
   */
  readonly lost?: { readonly fromSeq: string; readonly toSeq: string; readonly sealedAt: string };
}

/**
 * One line of the seal record. The readable fields repeat the payload for a
 * person reading the file; only the signed `jws` is trusted.
 */
export interface SealLine extends SealPayload {
  readonly jws: string;
  /** RFC 3161 TimeStampToken over the JWS (base64 DER), where AUDIT_TSA_URL is set. */
  readonly timestampToken?: string;
}

const SEAL_TYPE = 'edupool-audit-seal';

export async function signSeal(payload: SealPayload, privateKey: KeyLike | Uint8Array): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: SEAL_TYPE })
    .sign(privateKey);
}

export class SealSignatureError extends Error {}

/** The payload of a seal line whose signature holds; throws SealSignatureError otherwise. */
export async function openSeal(line: SealLine, publicKey: KeyLike | Uint8Array): Promise<SealPayload> {
  try {
    const { payload, protectedHeader } = await compactVerify(line.jws, publicKey, { algorithms: [SIGNING_ALGORITHM] });
    if (protectedHeader.typ !== SEAL_TYPE) throw new Error(`typ ${String(protectedHeader.typ)}`);
    return JSON.parse(new TextDecoder().decode(payload)) as SealPayload;
  } catch (error) {
    throw new SealSignatureError(`the seal of #${line.seq} sealed at ${line.sealedAt} does not verify with the audit-seal key (${(error as Error).message})`);
  }
}
