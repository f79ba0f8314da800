/** Connection options for a Temporal server: plain for the dev server, mTLS or API key for a cluster. */
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import type { AppConfig } from '../config/env.js';

export interface TemporalConnectionOptions {
  address: string;
  tls?: { clientCertPair: { crt: Buffer; key: Buffer } } | true;
  apiKey?: string;
}

export function temporalConnectionOptions(config: AppConfig): TemporalConnectionOptions {
  const options: TemporalConnectionOptions = { address: config.TEMPORAL_ADDRESS };
  if (config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH) {
    options.tls = {
      clientCertPair: {
        crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH),
        key: readFileSync(config.TEMPORAL_TLS_KEY_PATH),
      },
    };
  } else if (config.TEMPORAL_API_KEY) {
    options.tls = true;
    options.apiKey = config.TEMPORAL_API_KEY;
  }
  return options;
}

/** The operating-system user, or the uid when it has no name (a container without a passwd entry). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/**
 * The identity Temporal records on every workflow this client starts (the first history event's
 * `identity`; ingestion_runs.started_by): TEMPORAL_IDENTITY when set, else
 * `<os user>@<host> nba-ingest <command>`. User, host and command only: nothing secret.
 */
export function clientIdentity(config: Pick<AppConfig, 'TEMPORAL_IDENTITY'>, command: string): string {
  return config.TEMPORAL_IDENTITY ?? `${osUser()}@${hostname()} nba-ingest ${command}`;
}
