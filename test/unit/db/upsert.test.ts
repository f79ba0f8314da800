/** The pure parts of the upsert: key order, deduplication, generated SQL, error mapping, pool options. */
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../../db/client.js';
import { toDbFailure } from '../../../db/errors.js';
import { players, teamGameStats } from '../../../db/schema.js';
import { MATCHES_UPSERT } from '../../../db/load.js';
import { dedupeAndSortByKey } from '../../../db/row-keys.js';
import { chunk, prepareUpsert, tableColumns } from '../../../db/upsert.js';

describe('dedupeAndSortByKey', () => {
  it('keeps the last row per key and sorts by the key columns in order (numbers numerically)', () => {
    const rows = [
      { gameId: '0022300002', teamId: 9, v: 'a' },
      { gameId: '0022300001', teamId: 10, v: 'b' },
      { gameId: '0022300001', teamId: 9, v: 'c' },
      { gameId: '0022300002', teamId: 9, v: 'd' },
    ];
    expect(dedupeAndSortByKey(rows, ['gameId', 'teamId']).map((r) => r.v)).toEqual(['c', 'b', 'd']);
  });

  it('gives the same order whatever the input order (the lock order of concurrent loads)', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      gameId: `00223${String((i * 37) % 50).padStart(5, '0')}`,
      teamId: i % 3,
    }));
    const sorted = dedupeAndSortByKey(rows, ['gameId', 'teamId']);
    expect(dedupeAndSortByKey([...rows].reverse(), ['gameId', 'teamId'])).toEqual(sorted);
  });

  it('chunks without losing rows', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});

describe('prepareUpsert', () => {
  it('takes key and data columns from the schema, leaving out the bookkeeping columns', () => {
    const { keyColumns, dataColumns } = tableColumns(teamGameStats);
    expect(keyColumns.map((c) => c.sqlName)).toEqual(['"game_id"', '"team_id"']);
    const names = dataColumns.map((c) => c.sqlName);
    expect(names).toContain('"fg_pct"');
    expect(names).not.toContain('"created_at"');
    expect(names).not.toContain('"updated_at"');
    expect(names).not.toContain('"last_run_id"');
    expect(tableColumns(players).keyColumns.map((c) => c.sqlName)).toEqual(['"player_id"']);
  });

  it('updates only rows whose data columns differ, stamping updated_at and last_run_id', () => {
    const { text } = prepareUpsert({ table: teamGameStats });
    expect(text).toContain('ON CONFLICT ("game_id", "team_id") DO UPDATE SET');
    expect(text).toContain('"updated_at" = now(), "last_run_id" = excluded."last_run_id"');
    const where = text.slice(text.indexOf('WHERE ("team_game_stats"'), text.indexOf('RETURNING'));
    expect(where).toContain('IS DISTINCT FROM');
    expect(where).not.toMatch(/updated_at|created_at|last_run_id/);
    expect(text).toContain('("team_game_stats".xmax = 0) AS inserted');
  });

  it("the loader's matches upsert ORs neutral_site, so a per-team batch without the flag is unchanged", () => {
    const { text } = MATCHES_UPSERT;
    const merged = '("matches"."neutral_site" OR excluded."neutral_site")';
    expect(text).toContain(`"neutral_site" = ${merged}`);
    const changeTest = text.slice(text.indexOf('WHERE ("matches"'), text.indexOf('RETURNING'));
    expect(changeTest).toContain('IS DISTINCT FROM');
    expect(changeTest).toContain(merged);
    // The up-front "already identical" filter compares the same merged value.
    expect(text).toContain('(cur."neutral_site" OR i."neutralSite")');
  });

  it("the loader's matches upsert takes each side's score from that side's own stat row when loaded", () => {
    const { text } = MATCHES_UPSERT;
    for (const side of ['home', 'away']) {
      const fromStats =
        `coalesce((SELECT s."pts" FROM "team_game_stats" s WHERE s."game_id" = excluded."game_id" ` +
        `AND s."team_id" = excluded."${side}_team_id"), excluded."${side}_score")`;
      expect(text).toContain(`"${side}_score" = ${fromStats}`);
    }
  });
});

describe('toDbFailure', () => {
  const pgError = (fields: Record<string, string>) =>
    Object.assign(new Error(fields.message ?? 'pg error'), fields);

  it('turns a foreign key violation into a non-retryable DbConstraintViolation naming table, constraint and key', () => {
    const failure = toDbFailure(
      pgError({
        code: '23503',
        table: 'matches',
        constraint: 'matches_home_team_id_teams_team_id_fk',
        detail: 'Key (home_team_id)=(1) is not present in table "teams".',
      }),
      'matches',
    ) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.type).toBe('DbConstraintViolation');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toBe(
      'matches: foreign key violation on constraint matches_home_team_id_teams_team_id_fk: Key (home_team_id)=(1) is not present in table "teams".',
    );
  });

  it('maps check violations and data exceptions as non-retryable, missing tables as DbSchemaMismatch', () => {
    expect(toDbFailure(pgError({ code: '23514', constraint: 'c' }), 'teams')).toMatchObject({
      type: 'DbConstraintViolation',
    });
    expect(
      toDbFailure(pgError({ code: '22008', message: 'date/time field value out of range' }), 'matches'),
    ).toMatchObject({
      type: 'DbInputInvalid',
      nonRetryable: true,
    });
    expect(
      toDbFailure(pgError({ code: '42P01', message: 'relation "matches" does not exist' }), 'matches'),
    ).toMatchObject({
      type: 'DbSchemaMismatch',
      nonRetryable: true,
      message: expect.stringContaining('npm run db:migrate'),
    });
  });

  it('leaves transient errors alone so Temporal retries them', () => {
    for (const error of [
      pgError({ code: '40001', message: 'could not serialize access' }),
      pgError({ code: '40P01', message: 'deadlock detected' }),
      pgError({ code: '57014', message: 'canceling statement due to statement timeout' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    ]) {
      expect(toDbFailure(error, 'matches')).toBe(error);
    }
  });
});

describe('createDatabase', () => {
  it('configures one pool with a statement timeout and application name, and closes once', async () => {
    const database = createDatabase({
      url: 'postgres://nba:secret@127.0.0.1:5432/nba',
      poolMax: 3,
      statementTimeoutMs: 1234,
      applicationName: 'unit-test',
    });
    const options = database.pool.options as unknown as Record<string, unknown>;
    expect(options).toMatchObject({ max: 3, statement_timeout: 1234, application_name: 'unit-test' });
    await Promise.all([database.close(), database.close()]);
    expect(database.pool.ended).toBe(true);
  });
});
