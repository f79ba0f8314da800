/**
 * The Temporal connection, read as the `temporal` CLI and every Temporal SDK read it
 * (@temporalio/envconfig): a profile of a TOML file (TEMPORAL_CONFIG_FILE, else
 * ~/.config/temporalio/temporal.toml; TEMPORAL_PROFILE, else `default`), overridden by the TEMPORAL_*
 * variables (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS, TEMPORAL_TLS_*,
 * TEMPORAL_GRPC_META_*). So one profile serves the worker, `npm run ingest` and `temporal workflow list`.
 * The profile may carry secrets (API key, TLS key): only its address, namespace and name are ever printed.
 */
import { existsSync } from 'node:fs';
import { loadClientConfigProfile, toClientOptions, type ClientConfigProfile } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';

/** The variables read here, as envconfig and the temporal CLI name them (TEMPORAL_GRPC_META_<NAME> aside). */
export const TEMPORAL_VARIABLES = [
  'TEMPORAL_CONFIG_FILE',
  'TEMPORAL_PROFILE',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_API_KEY',
  'TEMPORAL_TLS',
  'TEMPORAL_TLS_CLIENT_CERT_PATH',
  'TEMPORAL_TLS_CLIENT_CERT_DATA',
  'TEMPORAL_TLS_CLIENT_KEY_PATH',
  'TEMPORAL_TLS_CLIENT_KEY_DATA',
  'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
  'TEMPORAL_TLS_SERVER_CA_CERT_DATA',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION',
] as const;

/** Where nothing (profile or variable) names a server: the dev server of `npm run temporal:dev`. */
export const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';
export const DEFAULT_TEMPORAL_NAMESPACE = 'default';

/** The project's names before it read Temporal's own; refused, so that a secured setup never connects in plain text. */
const RENAMED: Record<string, string> = {
  TEMPORAL_TLS_CERT_PATH: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY_PATH: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
};

export interface TemporalSettings {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  /** The profile's name when one was asked for (TEMPORAL_PROFILE), for logs. */
  TEMPORAL_PROFILE: string | undefined;
  /** TLS, API key and gRPC metadata of the profile and the variables (never logged). */
  temporalProfile: ClientConfigProfile;
}

/**
 * The connection settings of `env` (blank variables already dropped). Throws with what is wrong: a
 * profile missing from the file, a file that is not TOML, a variable of the project's old names.
 */
export function loadTemporalSettings(env: Record<string, string>): TemporalSettings {
  const renamed = Object.keys(RENAMED).filter((name) => name in env);
  if (renamed.length > 0)
    throw new Error(
      renamed.map((name) => `${name} is now ${RENAMED[name]} (the name the temporal CLI reads)`).join('; '),
    );
  const file = env.TEMPORAL_CONFIG_FILE;
  // envconfig skips a missing file: one named by hand is a mistake to say.
  if (file !== undefined && !existsSync(file)) throw new Error(`TEMPORAL_CONFIG_FILE ${file} does not exist`);
  let profile: ClientConfigProfile;
  try {
    profile = loadClientConfigProfile({ overrideEnvVars: env });
  } catch (err) {
    // eslint-disable-next-line preserve-caught-error -- no cause: a TOML error quotes the line, which may hold a key
    throw new Error(
      `Temporal profile '${env.TEMPORAL_PROFILE ?? 'default'}' of ${file ?? 'temporal.toml'}: ${problem(err)}`,
    );
  }
  return {
    TEMPORAL_ADDRESS: profile.address ?? DEFAULT_TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: profile.namespace ?? DEFAULT_TEMPORAL_NAMESPACE,
    TEMPORAL_PROFILE: env.TEMPORAL_PROFILE,
    temporalProfile: profile,
  };
}

/**
 * What a Connection or NativeConnection takes: the settings' address (a test or the bench may have
 * replaced it) with the profile's TLS, API key and metadata. TLS files are read here, at connect time.
 */
export function temporalConnectionOptions(
  settings: Pick<TemporalSettings, 'TEMPORAL_ADDRESS' | 'temporalProfile'>,
): NativeConnectionOptions {
  const { connectionOptions } = toClientOptions({
    ...settings.temporalProfile,
    address: settings.TEMPORAL_ADDRESS,
  });
  return connectionOptions;
}

/** A TOML syntax error quotes the offending line, which may hold a key: say only where it is. */
function problem(err: unknown): string {
  const { line, column } = err as { line?: unknown; column?: unknown };
  if (typeof line === 'number') return `not valid TOML at line ${line}, column ${String(column)}`;
  return err instanceof Error ? err.message : String(err);
}
