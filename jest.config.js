/**
 * `ignoreDynamic` keeps `import()` as is: openid-client and oidc-provider are
 * ES modules only, which the CommonJS the tests are compiled to can reach only
 * through a real dynamic import (jest runs it with --experimental-vm-modules).
 *
 * @type {import('jest').Config}
 */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } }] },
  testPathIgnorePatterns: ['/node_modules/', '/data/'],
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
};

/**
 * Two projects: unit tests beside the code, and whole-system scenarios in
 * test/ (the several-instances ones among them) that talk HTTP to a running
 * pool. No test asserts a duration, so every file may run beside any other;
 * times are measured by `npm run bench`. The scenarios share one generated
 * demo data set per run (made by the system project's global setup, copied
 * per file); both projects' governance stores copy one store migrated per run
 * (made by the top-level global setup, which jest runs once whichever
 * projects run).
 */
module.exports = {
  testTimeout: 120000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/make-governance-template.ts',
  globalTeardown: '<rootDir>/test/support/remove-governance-template.ts',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/__tests__/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'system',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // The support code's own tests are unit tests.
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '/test/support/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
