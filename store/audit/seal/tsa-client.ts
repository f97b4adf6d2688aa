import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * RFC 3161 time-stamping of seals (AUDIT_TSA_URL). The authority signs the
 * seal's hash with its time, so a seal cannot be back-dated even by someone
 * holding the audit-seal key. The ASN.1 is pkijs's; the request asks for the
 * authority's certificate in the token, so the token verifies on its own.
 */
const MEDIA_TYPE = 'application/timestamp-query';

export function timestampClient(url: string, timeoutMs = 10_000): (jws: string) => Promise<string> {
  return async (jws) => {
    const data = new TextEncoder().encode(jws);
    const nonce = randomBytes(8);
    // A positive INTEGER: the top bit clear.
    nonce[0]! &= 0x7f;
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: await pkijs.MessageImprint.create('SHA-256', data),
      nonce: new asn1js.Integer({ valueHex: nonce }),
      certReq: true,
    });
    const response = await fetch(url, {
      method: 'POST', headers: { 'content-type': MEDIA_TYPE }, body: new Uint8Array(request.toSchema().toBER()),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`the time-stamping authority at ${url} answered HTTP ${response.status}`);
    const answer = pkijs.TimeStampResp.fromBER(new Uint8Array(await response.arrayBuffer()));
    const status = answer.status.status;
    if ((status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) || !answer.timeStampToken) {
      throw new Error(`the time-stamping authority at ${url} refused the seal (PKIStatus ${status})`);
    }
    const token = Buffer.from(answer.timeStampToken.toSchema().toBER()).toString('base64');
    const read = await readTimestampToken(token, jws);
    if (!read.valid) throw new Error(`the time-stamping authority at ${url} returned a token that does not verify`);
    if (read.nonce !== Buffer.from(nonce).toString('hex')) throw new Error(`the time-stamping authority at ${url} answered another request (nonce differs)`);
    return token;
  };
}

export interface TimestampReading {
  /** The token is signed by the certificate it carries and stamps exactly these bytes. */
  readonly valid: boolean;
  readonly genTime: Date;
  /** The nonce, hex, as sent. */
  readonly nonce: string | null;
}

/**
 * Reads a TimeStampToken (base64 DER) and checks it against the JWS it
 * stamps. It does not check the authority's certificate chain: that trust
 * is the deployment's (openssl ts -verify -CAfile … does it offline).
 */
export async function readTimestampToken(tokenBase64: string, jws: string): Promise<TimestampReading> {
  const content = pkijs.ContentInfo.fromBER(Buffer.from(tokenBase64, 'base64'));
  const signed = new pkijs.SignedData({ schema: content.content });
  const eContent = signed.encapContentInfo.eContent;
  if (!eContent) throw new Error('the time-stamp token holds no TSTInfo');
  const info = pkijs.TSTInfo.fromBER(eContent.getValue());
  const data = new TextEncoder().encode(jws);
  const [imprint, signature] = await Promise.all([
    info.verify({ data: data.buffer as ArrayBuffer }),
    // For a time-stamp token pkijs also wants the stamped bytes: it checks the imprint before the signature.
    signed.verify({ signer: 0, checkChain: false, data: data.buffer as ArrayBuffer }).then((ok) => ok === true, () => false),
  ]);
  const nonce = info.nonce ? Buffer.from(info.nonce.valueBlock.valueHexView).toString('hex') : null;
  return { valid: imprint && signature, genTime: info.genTime, nonce };
}
