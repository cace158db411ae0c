import { describe, expect, it } from 'vitest';
import { CliFailure } from './failure.ts';
import { serverSettingsFromEnv } from './settings.ts';

describe('server settings', () => {
  it('read the OpenID Connect provider, and stop the start naming a bad variable', () => {
    expect(serverSettingsFromEnv({}).oidc).toBeNull();
    const env = {
      NEUVO_OIDC_ISSUER: 'https://login.example.fi/tenant/v2.0',
      NEUVO_OIDC_CLIENT_ID: 'neuvo',
      NEUVO_OIDC_CLIENT_SECRET: 'a client secret of some length',
      NEUVO_OIDC_ROLES: 'planner=g1,admin=g2',
    };
    expect(serverSettingsFromEnv(env).oidc).toMatchObject({
      clientId: 'neuvo',
      providerName: 'login.example.fi',
    });
    const bad = () => serverSettingsFromEnv({ ...env, NEUVO_OIDC_ISSUER: 'http://login.example.fi' });
    expect(bad).toThrow(CliFailure);
    expect(bad).toThrow(/NEUVO_OIDC_ISSUER must be an https:\/\/ URL .*NEUVO_OIDC_ALLOW_HTTP=1/);
    expect(() => serverSettingsFromEnv({ ...env, NEUVO_OIDC_ROLES: '' })).toThrow(/NEUVO_OIDC_ROLES/);
  });
});
