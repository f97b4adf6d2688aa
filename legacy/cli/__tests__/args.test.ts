import { DEFAULT_SEED, parseGenerateArgs, UsageError } from '../args';

describe('legacy:generate arguments', () => {
  it.each([
    [[], { size: 'demo', seed: DEFAULT_SEED, dataDir: './data' }],
    [['--size', 'city', '--seed', '7', '--data-dir', '/tmp/x'], { size: 'city', seed: 7, dataDir: '/tmp/x' }],
    [['--size=demo', '--seed=-3'], { size: 'demo', seed: -3, dataDir: './data' }],
  ])('%j → %j', (argv, expected) => {
    expect(parseGenerateArgs(argv)).toEqual(expected);
  });

  it.each([
    [['--size', 'town'], 'unknown size "town": choose demo or city'],
    [['--seed', 'abc'], '--seed must be an integer'],
    [['--colour', 'red'], "Unknown option '--colour'"],
    [['extra'], 'extra'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseGenerateArgs(argv)).toThrow(UsageError);
    expect(() => parseGenerateArgs(argv)).toThrow(message);
  });
});
