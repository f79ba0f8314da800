import { describe, expect, it } from 'vitest';
import { embeddedDatabaseUrl, loadConfig, usesEmbeddedPostgres } from '../../../config/env.js';

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
    expect(loadConfig({}).EMBEDDED_POSTGRES_PORT).toBe(54_329);
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
