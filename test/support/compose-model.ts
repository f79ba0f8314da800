/**
 * Reads temporal-compose.yml the way Docker Compose does, for structure tests that cannot run Docker:
 * YAML with merge keys, environment/depends_on/volumes normalised from their short forms, and
 * `${VAR}` interpolation (`:-`, `-`, `:?`, `?`, `:+`, `+`, `$$`) evaluated against a given environment.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { repoRoot } from './paths.js';

export const REPO_ROOT = repoRoot;
export const COMPOSE_FILE = path.join(REPO_ROOT, 'temporal-compose.yml');

const stringOrList = z.union([z.string(), z.array(z.string())]);
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const ServiceSchema = z.object({
  image: z.string().optional(),
  build: z
    .union([z.string(), z.object({ context: z.string(), dockerfile: z.string().optional() })])
    .optional(),
  container_name: z.string().optional(),
  env_file: stringOrList
    .optional()
    .transform((files) => (files === undefined ? [] : typeof files === 'string' ? [files] : files)),
  working_dir: z.string().optional(),
  restart: z.string().optional(),
  environment: z
    .union([z.record(z.string(), scalar.nullable()), z.array(z.string())])
    .optional()
    .transform((env): Record<string, string> => {
      if (env === undefined) return {};
      if (Array.isArray(env)) {
        return Object.fromEntries(
          env.map((entry) => {
            const eq = entry.indexOf('=');
            return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
          }),
        );
      }
      return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v ?? '']));
    }),
  depends_on: z
    .union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string().optional() }))])
    .optional()
    .transform((deps): Record<string, string> => {
      if (deps === undefined) return {};
      if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
      return Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.condition ?? 'service_started']));
    }),
  healthcheck: z.object({ test: stringOrList, disable: z.boolean().optional() }).passthrough().optional(),
  volumes: z
    .array(
      z.union([
        z.string(),
        z.object({ type: z.string().optional(), source: z.string().optional(), target: z.string() }),
      ]),
    )
    .optional()
    .transform((vols) => (vols ?? []).map(parseVolume)),
  ports: z
    .array(scalar)
    .optional()
    .transform((p) => p ?? []),
  expose: z.array(scalar).optional(),
  deploy: z.object({ replicas: scalar.optional() }).passthrough().optional(),
  entrypoint: stringOrList.optional(),
  command: stringOrList.optional(),
  init: z.boolean().optional(),
  stop_grace_period: z.string().optional(),
});

const ComposeSchema = z.object({
  name: z.string().optional(),
  services: z.record(z.string(), ServiceSchema),
  volumes: z
    .record(z.string(), z.unknown().nullable())
    .optional()
    .transform((v) => v ?? {}),
});

export type ComposeService = z.infer<typeof ServiceSchema>;
export type ComposeFile = z.infer<typeof ComposeSchema>;

export interface VolumeMount {
  /** A named volume, a host path (relative to the compose file) or undefined for an anonymous volume. */
  source: string | undefined;
  target: string;
  kind: 'named' | 'bind' | 'anonymous';
  readOnly: boolean;
}

function parseVolume(volume: string | { type?: string; source?: string; target: string }): VolumeMount {
  if (typeof volume !== 'string') {
    const kind = volume.type === 'bind' ? 'bind' : volume.source ? 'named' : 'anonymous';
    return { source: volume.source, target: volume.target, kind, readOnly: false };
  }
  const parts = volume.split(':');
  if (parts.length === 1) return { source: undefined, target: volume, kind: 'anonymous', readOnly: false };
  const [source = '', target = '', mode = ''] = parts;
  const kind = /^[./~]/.test(source) ? 'bind' : 'named';
  return { source, target, kind, readOnly: mode.split(',').includes('ro') };
}

export function loadCompose(file = COMPOSE_FILE): ComposeFile {
  // merge: true resolves `<<: *anchor` the way Compose (YAML 1.1 merge keys) does.
  return ComposeSchema.parse(parse(readFileSync(file, 'utf8'), { merge: true }));
}

export function service(compose: ComposeFile, name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`temporal-compose.yml has no service "${name}"`);
  return found;
}

/** Names of the services whose image starts with `repository:` (e.g. 'temporalio/server'). */
export function servicesWithImage(compose: ComposeFile, repository: string): string[] {
  return Object.entries(compose.services)
    .filter(([, s]) => s.image?.startsWith(`${repository}:`))
    .map(([name]) => name);
}

export type Env = Record<string, string | undefined>;

export class MissingVariableError extends Error {
  override readonly name = 'MissingVariableError';
}

const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export interface VariableReference {
  name: string;
  /** '' for a plain ${VAR}; otherwise one of ':-', '-', ':?', '?', ':+', '+'. */
  operator: string;
  argument: string;
}

/** Every `${VAR…}` reference in a value (an escaped `$$` is not one). */
export function variableReferences(value: string): VariableReference[] {
  const refs: VariableReference[] = [];
  for (const m of value.matchAll(VARIABLE)) {
    if (m[0] === '$$') continue;
    refs.push({ name: m[1] ?? m[4] ?? '', operator: m[2] ?? '', argument: m[3] ?? '' });
  }
  return refs;
}

/** Compose's interpolation of one value; a `:?`/`?` variable that is missing throws, naming it. */
export function interpolate(value: string, env: Env): string {
  return value.replace(
    VARIABLE,
    (whole, braced?: string, operator?: string, argument?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare ?? '';
      const current = env[name];
      const isSet = current !== undefined;
      const isNonEmpty = isSet && current !== '';
      switch (operator) {
        case ':-':
          return isNonEmpty ? current : (argument ?? '');
        case '-':
          return isSet ? current : (argument ?? '');
        case ':?':
          if (!isNonEmpty) throw new MissingVariableError(`${name}: ${argument}`);
          return current;
        case '?':
          if (!isSet) throw new MissingVariableError(`${name}: ${argument}`);
          return current;
        case ':+':
          return isNonEmpty ? (argument ?? '') : '';
        case '+':
          return isSet ? (argument ?? '') : '';
        default:
          return current ?? '';
      }
    },
  );
}

export function interpolateEnvironment(
  environment: Record<string, string>,
  env: Env,
): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, interpolate(v, env)]));
}

/**
 * The environment a container of the service starts with: its env_file entries, overridden by its
 * `environment` (interpolated with `env`), as Compose merges them.
 */
export function containerEnvironment(compose: ComposeFile, name: string, env: Env): Record<string, string> {
  const s = service(compose, name);
  const fromFiles = s.env_file.map((file) =>
    parseDotenv(readFileSync(path.resolve(path.dirname(COMPOSE_FILE), file), 'utf8')),
  );
  return Object.assign({}, ...fromFiles, interpolateEnvironment(s.environment, env)) as Record<
    string,
    string
  >;
}

/** `${VAR:?…}` / `${VAR?…}` variables anywhere in the file: the ones a user must set. */
export function requiredVariables(compose: ComposeFile): Set<string> {
  const required = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const ref of variableReferences(node)) if (ref.operator.endsWith('?')) required.add(ref.name);
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(compose);
  return required;
}

/** KEY=VALUE lines of a dotenv file (comments and blank lines skipped; no quoting rules needed here). */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}
