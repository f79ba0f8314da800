/** Who a client is to Temporal: the identity recorded on what the CLI and the main job start. */
import { hostname, userInfo } from 'node:os';
import type { AppConfig } from '../config/env.js';

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
