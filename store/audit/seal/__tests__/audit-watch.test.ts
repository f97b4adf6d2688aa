import { setTimeout as sleep } from 'node:timers/promises';
import { register } from 'prom-client';
import { createAuditLog } from '../../audit-log';
import { lastAuditVerification, type AuditVerification } from '../../audit-verifications';
import { createAuditTestStore, type AuditTestStore } from '../../__tests__/audit-test-store';
import { auditEntry, fixedClock, silentLogger } from '../../__tests__/audit-fixtures';
import { startAuditWatch, type AuditWatch } from '../audit-watch';
import { createSealFixture, cutTail, type SealFixture } from './seal-fixtures';

/**
 * The pool's own watch (issue 11, item 3): it seals on a schedule, verifies
 * on another, records each result for supervision and sets the gauges on
 * the default registry (what /metrics serves).
 */
let store: AuditTestStore;
let seals: SealFixture;
let watch: AuditWatch | undefined;

beforeAll(async () => {
  store = await createAuditTestStore();
  seals = await createSealFixture();
  const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
  for (let n = 1; n <= 6; n++) await log.append(auditEntry(n));
});
afterAll(async () => {
  await watch?.close();
  await store?.drop();
  await seals?.remove();
});

/** Polls until the condition holds; the bound is generous because the machine is shared. */
async function until<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error('the watch never got there');
}

async function gauge(name: string): Promise<number | undefined> {
  return (await register.getSingleMetric(name)?.get())?.values[0]?.value;
}

const verificationWhere = (test: (v: AuditVerification) => boolean) => async () => {
  const last = await lastAuditVerification(store.pool);
  return last && test(last) ? last : undefined;
};

test('seals the head and verifies on its schedule; a tail cut afterwards shows in supervision and in the gauge', async () => {
  watch = startAuditWatch({
    pool: store.pool, seal: { log: seals.log, keys: seals.keys }, clock: fixedClock('2025-03-01T09:00:00.000Z'), logger: silentLogger,
    sealEveryMs: 200, verifyEveryMs: 200,
  });
  const sealed = await until(async () => (await seals.log.last()) ?? undefined);
  expect(sealed).toMatchObject({ seq: '6', reason: 'scheduled' });
  const good = await until(verificationWhere((v) => v.sealedSeq === '6'));
  expect(good).toMatchObject({ ok: true, entries: 6, sealProblem: null });
  expect(await gauge('edupool_audit_trail_intact')).toBe(1);
  expect(await gauge('edupool_audit_trail_sealed_seq')).toBe(6);

  await cutTail(store.pool, 5);
  const bad = await until(verificationWhere((v) => !v.ok));
  expect(bad).toMatchObject({
    ok: false, entries: 4, brokenSeq: null, sealedSeq: '6', sealProblem: 'tail missing',
    sealDetail: 'entries #5–#6 sealed at 2025-03-01T09:00:00.000Z are missing (#4 is the last entry before them)',
  });
  expect(await gauge('edupool_audit_trail_intact')).toBe(0);
  expect(await seals.log.last()).toMatchObject({ seq: '6' });
});
