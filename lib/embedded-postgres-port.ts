/**
 * Where the project's own PostgreSQL is found: its data directory, and the port kept in that directory's
 * postgresql.conf. Every command reads the port from there (config/env.ts, synchronously, at the process
 * edge), so a server started on a free port, because another checkout's server held the default, is
 * found again by every later command without EMBEDDED_POSTGRES_PORT. PostgreSQL reads the same line.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data/postgres', import.meta.url));
/** The port a data directory with none kept gets when it is free. */
export const DEFAULT_EMBEDDED_PORT = 54_329;

const MARK = '# nba-ingest: the port every command finds this server on';
const KEPT_PORT = /^port = (\d+) # nba-ingest\b.*$/m;

/** The port kept in `dataDir`'s postgresql.conf, if any (unreadable or absent: none). */
export function keptPort(dataDir: string): number | undefined {
  try {
    const port = KEPT_PORT.exec(readFileSync(path.join(dataDir, 'postgresql.conf'), 'utf8'))?.[1];
    return port === undefined ? undefined : Number(port);
  } catch {
    return undefined;
  }
}

/** Keeps `port` in `dataDir`'s postgresql.conf (replacing the one kept before); PostgreSQL's last `port` wins. */
export async function keepPort(dataDir: string, port: number): Promise<void> {
  const file = path.join(dataDir, 'postgresql.conf');
  const conf = await readFile(file, 'utf8');
  const line = `port = ${port} ${MARK}`;
  await writeFile(file, KEPT_PORT.test(conf) ? conf.replace(KEPT_PORT, line) : `${conf}${line}\n`);
}
