import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errorCodes } from '../errors';

/** The README's "Error codes" table is the public contract's documentation: it lists exactly the module's codes. */
it('the README lists the same error codes as policies/errors.ts', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Error codes'));
  expect(section).toBeDefined();
  const documented = [...section!.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
  expect(documented.sort()).toEqual(Object.keys(errorCodes).sort());
});
