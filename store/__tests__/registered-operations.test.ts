import { registeredOperationsRepository, type RegisteredOperationsRepository } from '../registered-operations';
import { openTestStore, type TestStore } from './test-store';

const sha = (c: string) => c.repeat(64);

describe('registered operations (migration 004)', () => {
  let test: TestStore;
  let repository: RegisteredOperationsRepository;

  beforeAll(async () => {
    test = await openTestStore();
    repository = registeredOperationsRepository(test.store.pool, test.clock);
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('registers, re-registers under one row per unit and hash, lists and looks up', async () => {
    const first = await repository.register({ unit: 'GZGAJ', sha256: sha('a'), name: '核验', text: '{ a }', registeredBy: '440100' });
    expect(first).toEqual({ unit: 'GZGAJ', sha256: sha('a'), name: '核验', text: '{ a }', registeredBy: '440100', registeredAt: expect.any(Date) });
    await repository.register({ unit: 'GZGAJ', sha256: sha('a'), name: '户籍核验', text: '{ a }', registeredBy: '440100' });
    await repository.register({ unit: 'GZWJW', sha256: sha('b'), name: '体检', text: '{ b }', registeredBy: '440100' });
    expect((await repository.list('GZGAJ', 10)).map((o) => o.name)).toEqual(['户籍核验']);
    expect((await repository.list(undefined, 10)).map((o) => o.unit).sort()).toEqual(['GZGAJ', 'GZWJW']);
    expect(await repository.list(undefined, 1)).toHaveLength(1);
    expect(await repository.hashesOf('GZGAJ')).toEqual([sha('a')]);
    expect(await repository.hashesOf('GZMZJ')).toEqual([]);
    expect(await repository.textOf(sha('b'))).toBe('{ b }');
    expect(await repository.textOf(sha('c'))).toBeUndefined();
  });

  it('deregisters once', async () => {
    expect(await repository.deregister('GZWJW', sha('b'))).toBe(true);
    expect(await repository.deregister('GZWJW', sha('b'))).toBe(false);
    expect(await repository.hashesOf('GZWJW')).toEqual([]);
  });

  it('refuses a hash that is not sha256 hex', async () => {
    await expect(repository.register({ unit: 'GZGAJ', sha256: 'nope', name: 'x', text: '{ x }', registeredBy: '440100' })).rejects.toThrow(/check/i);
  });
});
