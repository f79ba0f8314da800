/**
 * The Temporal connection read the `temporal` CLI's way (config/temporal-profile.ts through
 * config/env.ts): a TOML profile chosen by TEMPORAL_PROFILE in TEMPORAL_CONFIG_FILE, the TEMPORAL_*
 * variables over it, the dev server's address when nothing is said.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config/env.js';
import { temporalConnectionOptions } from '../../../config/temporal-profile.js';

const API_KEY = 'secret-api-key-0123456789';

describe('the Temporal connection in config/env.ts', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nba-temporal-profile-'));
    file = path.join(dir, 'temporal.toml');
    await writeFile(
      file,
      [
        '[profile.default]',
        'address = "127.0.0.1:7999"',
        '',
        '[profile.cloud]',
        'address = "my-ns.a1b2c.tmprl.cloud:7233"',
        'namespace = "my-ns.a1b2c"',
        `api_key = "${API_KEY}"`,
        '',
        '[profile.mtls]',
        'address = "cluster.internal:7233"',
        'namespace = "nba"',
        '[profile.mtls.tls]',
        `client_cert_data = "CERT"`,
        `client_key_data = "KEY"`,
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("defaults to the dev server's address and namespace when no profile or variable names one", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_NAMESPACE: 'default' });
    expect(temporalConnectionOptions(config)).toMatchObject({ address: '127.0.0.1:7233' });
    expect(temporalConnectionOptions(config).tls).toBeUndefined();
  });

  it('reads the profile TEMPORAL_PROFILE names in TEMPORAL_CONFIG_FILE (the default profile without one)', () => {
    expect(loadConfig({ TEMPORAL_CONFIG_FILE: file }).TEMPORAL_ADDRESS).toBe('127.0.0.1:7999');
    const config = loadConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'cloud' });
    expect(config).toMatchObject({
      TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'my-ns.a1b2c',
      TEMPORAL_PROFILE: 'cloud',
    });
    // An API key switches TLS on, as in the temporal CLI.
    expect(temporalConnectionOptions(config)).toMatchObject({
      address: 'my-ns.a1b2c.tmprl.cloud:7233',
      apiKey: API_KEY,
      tls: true,
    });
  });

  it("takes the profile's mTLS client certificate and key", () => {
    const config = loadConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'mtls' });
    const { tls } = temporalConnectionOptions(config);
    const pair = typeof tls === 'object' ? tls?.clientCertPair : undefined;
    expect(pair && [Buffer.from(pair.crt).toString(), Buffer.from(pair.key).toString()]).toEqual([
      'CERT',
      'KEY',
    ]);
  });

  it('lets TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_API_KEY override the profile (blank counts as unset)', () => {
    const config = loadConfig({
      TEMPORAL_CONFIG_FILE: file,
      TEMPORAL_PROFILE: 'cloud',
      TEMPORAL_ADDRESS: '127.0.0.1:7444',
      TEMPORAL_NAMESPACE: 'nba-test',
      TEMPORAL_API_KEY: 'other-key',
    });
    expect(config).toMatchObject({ TEMPORAL_ADDRESS: '127.0.0.1:7444', TEMPORAL_NAMESPACE: 'nba-test' });
    expect(temporalConnectionOptions(config).apiKey).toBe('other-key');
    const blank = loadConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'cloud', TEMPORAL_ADDRESS: '' });
    expect(blank.TEMPORAL_ADDRESS).toBe('my-ns.a1b2c.tmprl.cloud:7233');
  });

  it('connects to the address the configuration holds, a replaced one included (tests, the bench)', () => {
    const config = { ...loadConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'cloud' }) };
    expect(temporalConnectionOptions({ ...config, TEMPORAL_ADDRESS: '127.0.0.1:1' }).address).toBe(
      '127.0.0.1:1',
    );
  });

  it('says what is wrong: a profile not in the file, a file that does not exist, the old TLS variable names', () => {
    expect(() => loadConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'nope' })).toThrow(
      new ConfigError(
        `invalid environment: Temporal profile 'nope' of ${file}: Profile 'nope' not found in config data`,
      ),
    );
    const missing = path.join(dir, 'missing.toml');
    expect(() => loadConfig({ TEMPORAL_CONFIG_FILE: missing })).toThrow(
      `TEMPORAL_CONFIG_FILE ${missing} does not exist`,
    );
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/tls/client.pem' })).toThrow(
      'TEMPORAL_TLS_CERT_PATH is now TEMPORAL_TLS_CLIENT_CERT_PATH',
    );
  });

  it('never quotes a broken file: its lines may hold a key', async () => {
    const broken = path.join(dir, 'broken.toml');
    await writeFile(broken, `[profile.default]\napi_key = "${API_KEY}\n`);
    let message = '';
    try {
      loadConfig({ TEMPORAL_CONFIG_FILE: broken });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/not valid TOML at line \d+/);
    expect(message).not.toContain(API_KEY);
  });
});
