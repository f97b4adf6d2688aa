/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testPathIgnorePatterns: ['/node_modules/', '/data/'],
};

/**
 * Three projects: unit tests beside the code, whole-system scenarios in
 * test/ that talk HTTP to a running pool, and the several-instances
 * scenarios, which `npm test` runs on their own, one file at a time, after the
 * others: one of them measures revocation propagation against a 100 ms goal,
 * which other suites' load on this 2-core machine would distort. The
 * scenarios share one generated demo data set per run (made by the global
 * setup, copied per file).
 */
module.exports = {
  testTimeout: 120000,
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/__tests__/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'system',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '/test/several-instances/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'instances',
      testMatch: ['<rootDir>/test/several-instances/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
