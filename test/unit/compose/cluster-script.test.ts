/**
 * scripts/temporal-cluster.sh runs the compose file's Temporal services as local processes: the same
 * versions, the same server environment file, the same schema and namespace jobs. These tests fail when
 * the two drift apart.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, loadCompose, parseDotenv, service } from '../../support/compose-model.js';

const compose = loadCompose();
const SERVER_ENV_FILE = './deploy/temporal/server.env';
const script = readFileSync(path.join(REPO_ROOT, 'scripts/temporal-cluster.sh'), 'utf8');
const readDotenv = (file: string) => parseDotenv(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
const versions = readDotenv('deploy/temporal/versions.env');
const imageTag = (name: string) => service(compose, name).image?.split(':')[1];

/** The env file as scripts/lib/env-file.sh reads it (bash, not this test's parser). */
function readByScript(file: string): Record<string, string> {
  const out = execFileSync(
    'bash',
    [
      '-c',
      'source scripts/lib/common.sh; source scripts/lib/env-file.sh; declare -A vars; ' +
        'read_env_file "$1" vars; for k in "${!vars[@]}"; do printf "%s=%s\\n" "$k" "${vars[$k]}"; done',
      'read-env',
      file,
    ],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  return parseDotenv(out);
}

describe('Temporal versions: deploy/temporal/versions.env is the one source', () => {
  it('pins the compose server, admin-tools and UI images to its versions', () => {
    expect(versions.TEMPORAL_SERVER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(versions.TEMPORAL_UI_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(imageTag('temporal')).toBe(versions.TEMPORAL_SERVER_VERSION);
    expect(imageTag('temporal-schema')).toBe(versions.TEMPORAL_SERVER_VERSION);
    expect(imageTag('temporal-namespace')).toBe(versions.TEMPORAL_SERVER_VERSION);
    expect(imageTag('temporal-ui')).toBe(versions.TEMPORAL_UI_VERSION);
  });

  it('is what the cluster script builds, and the script hard-codes no version', () => {
    expect(readByScript('deploy/temporal/versions.env')).toEqual(versions);
    expect(script).toContain('deploy_dir/versions.env');
    expect(script).not.toMatch(/@v\d+\.\d+\.\d+/);
  });
});

describe('Temporal server environment: deploy/temporal/server.env is the one source', () => {
  const serverEnv = readDotenv(SERVER_ENV_FILE);

  it('holds the cluster-wide settings, read by the compose server and schema job', () => {
    expect(serverEnv).toMatchObject({
      DB: 'postgres12',
      DBNAME: expect.any(String),
      VISIBILITY_DBNAME: expect.any(String),
      NUM_HISTORY_SHARDS: expect.stringMatching(/^\d+$/),
      DYNAMIC_CONFIG_FILE_PATH: 'deploy/temporal/dynamicconfig/production-sql.yaml',
    });
    for (const name of ['temporal', 'temporal-schema']) {
      expect(service(compose, name).env_file, name).toEqual([SERVER_ENV_FILE]);
    }
  });

  it('is not overridden by the compose service (a value set in two places could differ)', () => {
    for (const name of ['temporal', 'temporal-schema']) {
      const overridden = Object.keys(service(compose, name).environment).filter((k) => k in serverEnv);
      expect(overridden, name).toEqual([]);
    }
  });

  it('is read by the script exactly as Compose reads it', () => {
    expect(readByScript(SERVER_ENV_FILE)).toEqual(serverEnv);
    expect(script).toContain('deploy_dir/server.env');
  });

  it('gets every host-specific variable of the compose server from the script too', () => {
    // Not run locally: no Prometheus scrapes a one-machine rehearsal.
    const composeOnly = new Set(['PROMETHEUS_ENDPOINT']);
    for (const key of Object.keys(service(compose, 'temporal').environment)) {
      if (composeOnly.has(key)) continue;
      expect(script, key).toMatch(new RegExp(`\\b${key}=`));
    }
  });

  it('runs the compose one-shots themselves: the schema job and the namespace job', () => {
    expect(script).toContain('sh "$deploy_dir/setup-schema.sh"');
    expect(script).toContain('sh "$deploy_dir/create-namespace.sh"');
    // The namespace job's variables, as the compose service sets them.
    for (const key of Object.keys(service(compose, 'temporal-namespace').environment)) {
      if (key === 'NAMESPACE_RETENTION') continue; // the job's own default
      expect(script, key).toMatch(new RegExp(`\\b${key}=`));
    }
    // And the UI server's, as the compose temporal-ui service sets them.
    for (const key of Object.keys(service(compose, 'temporal-ui').environment)) {
      expect(script, key).toMatch(new RegExp(`\\b${key}=`));
    }
  });
});
