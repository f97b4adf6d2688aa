import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real RFC 3161 time-stamping authority for tests: `openssl ts -reply`
 * with a throw-away P-256 certificate (extendedKeyUsage timeStamping),
 * behind a small HTTP server on a free port. `failWith` makes it answer an
 * HTTP error instead.
 */
export interface LocalTsa {
  readonly url: string;
  readonly dir: string;
  /** The TSA's certificate (PEM file), the trust anchor for `openssl ts -verify`. */
  readonly certificate: string;
  failWith: number | undefined;
  stop(): Promise<void>;
}

export async function startLocalTsa(): Promise<LocalTsa> {
  const dir = await mkdtemp(path.join(tmpdir(), 'edupool-tsa-'));
  const file = (name: string) => path.join(dir, name);
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=EduPool test TSA', '-keyout', file('tsa.key'), '-out', file('tsa.crt'),
    '-addext', 'extendedKeyUsage=critical,timeStamping', '-addext', 'keyUsage=critical,digitalSignature',
  ]);
  await writeFile(file('serial'), '01\n');
  await writeFile(file('tsa.cnf'), [
    '[ tsa ]', 'default_tsa = local', '[ local ]', `serial = ${file('serial')}`, 'crypto_device = builtin',
    `signer_cert = ${file('tsa.crt')}`, `certs = ${file('tsa.crt')}`, `signer_key = ${file('tsa.key')}`,
    'signer_digest = sha256', 'default_policy = 1.2.3.4.1', 'digests = sha256', 'accuracy = secs:1',
    'ordering = yes', 'tsa_name = yes', 'ess_cert_id_chain = no', 'ess_cert_id_alg = sha256', '',
  ].join('\n'));
  let requests = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (tsa.failWith !== undefined) {
        response.writeHead(tsa.failWith).end();
        return;
      }
      const n = ++requests;
      const query = file(`q${n}.tsq`);
      const reply = file(`r${n}.tsr`);
      writeFile(query, Buffer.concat(chunks))
        .then(() => run('openssl', ['ts', '-reply', '-config', file('tsa.cnf'), '-queryfile', query, '-out', reply]))
        .then(() => readFile(reply))
        .then(
          (body) => response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body),
          () => response.writeHead(500).end(),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const tsa: LocalTsa = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`,
    dir,
    certificate: file('tsa.crt'),
    failWith: undefined,
    stop: async () => {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await rm(dir, { recursive: true, force: true });
    },
  };
  return tsa;
}
