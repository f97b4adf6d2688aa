import { parseArgs } from 'node:util';
import { DATA_SIZES, type DataSize } from '../records';
import { DEFAULT_DATA_DIR } from '../data-dir';

export const DEFAULT_SEED = 20221;

export interface GenerateArgs {
  readonly size: DataSize;
  readonly seed: number;
  readonly dataDir: string;
}

/** A mistake on the command line: the CLI prints the message with the usage and exits 2. */
export class UsageError extends Error {}

export const USAGE = 'usage: npm run legacy:generate -- [--size demo|city] [--seed N] [--data-dir DIR]';

export function parseGenerateArgs(argv: ReadonlyArray<string>): GenerateArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { size: { type: 'string', default: 'demo' }, seed: { type: 'string' }, 'data-dir': { type: 'string', default: DEFAULT_DATA_DIR } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const size = values.size ?? 'demo';
  if (!isDataSize(size)) throw new UsageError(`unknown size "${size}": choose ${Object.keys(DATA_SIZES).join(' or ')}`);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  return { size, seed, dataDir: values['data-dir'] ?? DEFAULT_DATA_DIR };
}

function isDataSize(value: string): value is DataSize {
  return Object.hasOwn(DATA_SIZES, value);
}
