import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  embeddedDatabaseUrl,
  loadConfig,
  loadEmbeddedPostgresConfig,
  usesEmbeddedPostgres,
} from '../../../config/env.js';
import { keepPort } from '../../../lib/embedded-postgres-port.js';

describe('the database URL in config/env.ts', () => {
  it("defaults to the project's own PostgreSQL on EMBEDDED_POSTGRES_PORT", () => {
    const config = loadConfig({ EMBEDDED_POSTGRES_PORT: '6001' });
    expect(config.DATABASE_URL).toBe(embeddedDatabaseUrl(6001));
    expect(new URL(config.DATABASE_URL)).toMatchObject({
      hostname: '127.0.0.1',
      port: '6001',
      pathname: '/nba',
    });
    expect(usesEmbeddedPostgres(config)).toBe(true);
    const noDataDir = { EMBEDDED_POSTGRES_DATA_DIR: path.join(tmpdir(), 'nba-no-such-data-dir') };
    expect(loadConfig(noDataDir).EMBEDDED_POSTGRES_PORT).toBe(54_329);
  });

  it('without EMBEDDED_POSTGRES_PORT, finds the port kept in the data directory (a free one taken at start)', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'nba-kept-port-'));
    try {
      await writeFile(
        path.join(dataDir, 'postgresql.conf'),
        "#port = 5432\nlisten_addresses = '127.0.0.1'\n",
      );
      await keepPort(dataDir, 23_456);
      await keepPort(dataDir, 23_457); // a later move replaces it
      const env = { EMBEDDED_POSTGRES_DATA_DIR: dataDir };
      expect(loadConfig(env).DATABASE_URL).toBe(embeddedDatabaseUrl(23_457));
      expect(loadEmbeddedPostgresConfig(env)).toEqual({
        port: 23_457,
        portMayMove: true,
        databaseUrlGiven: false,
        dataDir,
      });
      // set by hand, the port is that one and stays
      expect(loadEmbeddedPostgresConfig({ ...env, EMBEDDED_POSTGRES_PORT: '6001' })).toMatchObject({
        port: 6001,
        portMayMove: false,
      });
      expect(loadEmbeddedPostgresConfig({ ...env, DATABASE_URL: embeddedDatabaseUrl(23_457) })).toMatchObject(
        { portMayMove: false, databaseUrlGiven: true },
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('uses DATABASE_URL when set (blank counts as unset)', () => {
    const url = 'postgres://someone:secret@db.example:5432/stats';
    const config = loadConfig({ DATABASE_URL: url });
    expect(config.DATABASE_URL).toBe(url);
    expect(usesEmbeddedPostgres(config)).toBe(false);
    expect(usesEmbeddedPostgres(loadConfig({ DATABASE_URL: '' }))).toBe(true);
  });

  it('rejects a port out of range, naming the variable', () => {
    expect(() => loadConfig({ EMBEDDED_POSTGRES_PORT: '70000' })).toThrow(/EMBEDDED_POSTGRES_PORT/);
  });
});
