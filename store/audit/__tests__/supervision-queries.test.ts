import { createAuditLog } from '../audit-log';
import { querySupervision } from '../supervision-queries';
import { createAuditTestStore, type AuditTestStore } from './audit-test-store';
import { auditEntry, fixedClock, silentLogger } from './audit-fixtures';

let store: AuditTestStore;
/** Midnight UTC, whatever the server's time zone. */
const utc = (day: string): Date => new Date(`${day}T00:00:00Z`);
const VERSION = 'a'.repeat(64);

/** Applications as rows of migration 001: id, applicant, status, submitted, deadline, endorser, provider. */
const applications: Array<[string, string, string, string, string, string | null, string]> = [
  ['app-1', 'GZGAJ', 'SUBMITTED', '2025-02-01', '2025-02-16', null, '440100'],
  ['app-2', '4401060001', 'SUBMITTED', '2025-02-10', '2025-02-25', '440106', '440100'],
  ['app-3', '4401060001', 'ENDORSED', '2025-02-12', '2025-02-27', '440106', '440100'],
  ['app-4', 'GZWJW', 'SUBMITTED', '2025-02-20', '2025-03-07', null, '440100'],
  ['app-5', 'GZWJW', 'APPROVED', '2025-01-01', '2025-01-16', null, '440100'],
  ['app-6', 'GZMZJ', 'REJECTED', '2025-01-02', '2025-01-17', null, '440100'],
];

beforeAll(async () => {
  store = await createAuditTestStore();
  await store.pool.query(`INSERT INTO units (code, name, type, parent, synced_at) VALUES
    ('440100', '广州市教育局', 'CITY_BUREAU', NULL, now()), ('440106', '天河区教育局', 'DISTRICT_BUREAU', '440100', now()),
    ('GZGAJ', '广州市公安局', 'PARTNER_DEPARTMENT', NULL, now())`);
  await store.pool.query(`INSERT INTO catalog_versions VALUES ($1, '{}', now())`, [VERSION]);
  for (const [id, applicant, status, submitted, deadline, endorser, provider] of applications) {
    const closed = status === 'APPROVED' || status === 'REJECTED';
    await store.pool.query(
      `INSERT INTO share_applications (id, applicant, resources, coordinates, purpose, valid_until, status, submitted_at,
         deadline, endorser, provider, catalog_version, decided_at)
       VALUES ($1, $2, '{STUDENT_BASIC}', '{Student.name}', 'p', '2026-01-01', $3, $4, $5, $6, $7, $8, $9)`,
      [id, applicant, status, utc(submitted), utc(deadline), endorser, provider, VERSION, closed ? utc(deadline) : null],
    );
  }
  const grant = (id: string, from: string, until: string, revoked: boolean) => store.pool.query(
    `INSERT INTO grants (id, application_id, grantee, provider, resource, coordinates, purpose, valid_from, valid_until, revoked_at, revoked_by)
     VALUES ($1, 'app-5', 'GZWJW', '440100', $2, '{Student.name}', 'p', $3, $4, $5, $6)`,
    [id, `R-${id}`, utc(from), utc(until), revoked ? utc('2025-02-01') : null, revoked ? '440100' : null],
  );
  await grant('g-active', '2025-01-16', '2026-01-01', false);
  await grant('g-expired', '2024-01-01', '2025-01-01', false);
  await grant('g-future', '2025-06-01', '2026-01-01', false);
  await grant('g-revoked', '2025-01-16', '2026-01-01', true);
  const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
  await Promise.all([1, 2, 3].map((n) => log.append(auditEntry(n))));
});
afterAll(async () => {
  await store.drop();
});

describe('querySupervision', () => {
  test('figures as of 2025-03-01: pending, overdue past their deadline, grants in force and revoked, audit entries', async () => {
    const figures = await querySupervision(store.pool, new Date('2025-03-01T00:00:00Z'));
    expect(figures).toEqual({
      pendingApplications: 4,
      overdueApplications: [
        {
          id: 'app-1', status: 'SUBMITTED', resources: ['STUDENT_BASIC'],
          applicant: { code: 'GZGAJ', name: '广州市公安局' }, provider: { code: '440100', name: '广州市教育局' },
          awaiting: { code: '440100', name: '广州市教育局' },
          submittedAt: new Date('2025-02-01T00:00:00Z'), deadline: new Date('2025-02-16T00:00:00Z'),
        },
        {
          id: 'app-2', status: 'SUBMITTED', resources: ['STUDENT_BASIC'],
          applicant: { code: '4401060001', name: null }, provider: { code: '440100', name: '广州市教育局' },
          awaiting: { code: '440106', name: '天河区教育局' },
          submittedAt: new Date('2025-02-10T00:00:00Z'), deadline: new Date('2025-02-25T00:00:00Z'),
        },
        {
          id: 'app-3', status: 'ENDORSED', resources: ['STUDENT_BASIC'],
          applicant: { code: '4401060001', name: null }, provider: { code: '440100', name: '广州市教育局' },
          awaiting: { code: '440100', name: '广州市教育局' },
          submittedAt: new Date('2025-02-12T00:00:00Z'), deadline: new Date('2025-02-27T00:00:00Z'),
        },
      ],
      applicationsByStatus: [
        { status: 'APPROVED', count: 1 }, { status: 'ENDORSED', count: 1 }, { status: 'REJECTED', count: 1 }, { status: 'SUBMITTED', count: 3 },
      ],
      grantsActive: 1,
      grantsRevoked: 1,
      auditEntries: 3,
    });
  });

  test('an application is overdue only once its deadline has passed', async () => {
    const before = await querySupervision(store.pool, new Date('2025-02-16T00:00:00Z'));
    expect(before.overdueApplications).toEqual([]);
    const later = await querySupervision(store.pool, new Date('2025-03-08T00:00:00Z'));
    expect(later.overdueApplications.map((a) => a.id)).toEqual(['app-1', 'app-2', 'app-3', 'app-4']);
  });
});
