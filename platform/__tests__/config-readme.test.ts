import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configVariables } from '../config';

/** STYLE.md habit 7: every variable the configuration reads is in the README's table. */
it('the README\'s configuration table names every variable', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration'))!;
  const documented = new Set([...section.matchAll(/^\|([^|]+)\|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((v) => v[1])));
  expect(configVariables.filter((name) => !documented.has(name))).toEqual([]);
});
