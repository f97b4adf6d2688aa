import { ConfigurationError, loadConfig, oidcSettingsOf } from '../config';

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

  describe('OIDC sign-in', () => {
    const complete = {
      OIDC_ISSUER: 'https://idp.gz.gov.cn/realms/edu', OIDC_CLIENT_ID: 'edupool', OIDC_CLIENT_SECRET: 'a-secret',
      OIDC_REDIRECT_URI: 'https://edupool.gz.edu.cn/auth/oidc/callback',
    };

    it('is off when none of it is set, on when all of it is, with the claims\' defaults', () => {
      expect(oidcSettingsOf(loadConfig({}))).toBeUndefined();
      expect(oidcSettingsOf(loadConfig(complete))).toMatchObject({
        clientId: 'edupool', scopes: 'openid profile', unitClaim: 'edupool_unit', rolesClaim: 'edupool_roles',
      });
    });

    it('stops start-up on a partial configuration, naming what to set', () => {
      expect(() => loadConfig({ OIDC_ISSUER: complete.OIDC_ISSUER, OIDC_CLIENT_ID: 'edupool' })).toThrow(expect.objectContaining({
        constructor: ConfigurationError, message: expect.stringMatching(/set OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI \(/),
      }));
      const { OIDC_CLIENT_SECRET: _secret, ...withoutSecret } = complete;
      expect(() => loadConfig(withoutSecret)).toThrow(/set OIDC_CLIENT_SECRET \(/);
    });

    it('refuses a redirect URI that is not the gateway\'s callback, scopes without openid, and plain HTTP in production', () => {
      expect(() => loadConfig({ ...complete, OIDC_REDIRECT_URI: 'https://edupool.gz.edu.cn/console/' })).toThrow(/OIDC_REDIRECT_URI/);
      expect(() => loadConfig({ ...complete, OIDC_SCOPES: 'profile email' })).toThrow(/OIDC_SCOPES: must include openid/);
      expect(() => loadConfig({ ...complete, NODE_ENV: 'production', OIDC_ISSUER: 'http://idp.gz.gov.cn/' })).toThrow(/https URL in production/);
    });
  });
});
