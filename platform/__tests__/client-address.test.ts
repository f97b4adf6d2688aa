import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../client-address';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it.each([
    ['no trusted proxy: the peer, whatever the header says', request('10.0.0.9', '1.2.3.4'), 0, '10.0.0.9'],
    ['one trusted proxy: the address it saw', request('127.0.0.1', '203.0.113.7'), 1, '203.0.113.7'],
    ['one trusted proxy: entries the client wrote itself are skipped', request('127.0.0.1', '6.6.6.6, 203.0.113.7'), 1, '203.0.113.7'],
    ['two trusted proxies', request('127.0.0.1', '6.6.6.6, 203.0.113.7, 10.0.0.2'), 2, '203.0.113.7'],
    ['a trusted proxy that sent no header: the peer', request('127.0.0.1'), 1, '127.0.0.1'],
    ['fewer entries than hops: the leftmost', request('127.0.0.1', '203.0.113.7'), 3, '203.0.113.7'],
  ])('%s', (_name, incoming, hops, expected) => {
    expect(clientAddress(incoming, hops)).toBe(expected);
  });
});
