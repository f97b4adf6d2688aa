import { ConfigurationError, loadConfig } from '../config';

describe('loadConfig', () => {
  it('gives the embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 4000, DATA_DIR: './data', LEGACY_TEACHER_LATENCY_MS: 20, LEGACY_TEACHER_FAILURE_RATE: 0 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', REDIS_URL: 'not a url', LEGACY_TEACHER_FAILURE_RATE: '2' }))
      .toThrow(expect.objectContaining({
        constructor: ConfigurationError,
        message: expect.stringMatching(/PORT[\s\S]*REDIS_URL[\s\S]*LEGACY_TEACHER_FAILURE_RATE|PORT[\s\S]*LEGACY_TEACHER_FAILURE_RATE[\s\S]*REDIS_URL/),
      }));
  });
});
