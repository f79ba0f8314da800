/**
 * The command line against a real pipeline: `npm run ingest -- season … --wait --json`, the Temporal
 * CLI starting the same workflow, and a start from both at once yielding one execution.
 * Seasons 2011-12 and 2012-13 are used only here: their workflow ids are deterministic.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { startOrAttach } from '../../../cli/start-season.js';
import { recordDeadLetter } from '../../../db/runs.js';
import type { SeasonStatus } from '../../../db/season-status.js';
import { seasonWorkflowId } from '../../../domain/season.js';
import { hasNbaData } from '../../support/index.js';
import { runTsScript } from '../../support/run-script.js';
import { cliEnvironment, usePipeline } from '../../support/pipeline.js';

const run = promisify(execFile);

describe.skipIf(!hasNbaData())('command line (needs ../shared/nba-data)', () => {
  const pipeline = usePipeline();
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    env = cliEnvironment(pipeline());
  });

  it('`ingest season --wait --json` runs the season and prints one JSON summary line', async () => {
    const { stdout, stderr } = await runTsScript(
      // No player logs of 2012-13 on hand: without --no-player-games its player unit would fail (404).
      ['scripts/ingest.ts', 'season', '2012-13', '--no-player-games', '--wait', '--json'],
      { env },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as Record<string, unknown> & {
      counts: Record<string, { inserted: number }>;
    };
    expect(summary).toMatchObject({
      workflowId: 'ingest-season-2012-13-regular',
      status: 'completed',
      apiCalls: 61,
      failures: [],
    });
    expect(summary.counts.matches?.inserted).toBe(1229);
    expect(summary.webUi).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/namespaces\/ns-[^/]+\/workflows\/ingest-season-2012-13-regular\//,
    );
    expect(stderr).toContain('Web UI:');
  });

  it('`ingest changes <runId>` prints the audit trail of a run that repaired a changed row', async () => {
    const {
      rows: [target],
    } = await pipeline().database.pool.query<{ game_id: string; team_id: number; ast: number }>(
      `select s.game_id, s.team_id, s.ast from team_game_stats s join matches m using (game_id)
        where m.season = '2012-13' order by s.game_id, s.team_id limit 1`,
    );
    await pipeline().database.pool.query(
      'update team_game_stats set ast = ast + 1 where game_id = $1 and team_id = $2',
      [target!.game_id, target!.team_id],
    );
    const rerun = await runTsScript(
      ['scripts/ingest.ts', 'season', '2012-13', '--no-player-games', '--wait', '--json'],
      { env },
    );
    const summary = JSON.parse(rerun.stdout.trim()) as {
      runId: string;
      counts: Record<string, { inserted: number; updated: number }>;
    };
    expect(summary.counts.team_game_stats).toMatchObject({ inserted: 0, updated: 1 });

    const { stdout } = await runTsScript(['scripts/ingest.ts', 'changes', summary.runId, '--json'], { env });
    const changes = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { table: string; key: object; changes: Record<string, unknown> });
    expect(changes).toEqual([
      expect.objectContaining({
        table: 'team_game_stats',
        key: { game_id: target!.game_id, team_id: target!.team_id },
        changes: expect.objectContaining({ ast: [target!.ast + 1, target!.ast] }),
      }),
    ]);
  });

  it('`ingest redrive <season>` runs only the dead-lettered unit and resolves it', async () => {
    const teamId = 1610612747;
    await recordDeadLetter(pipeline().database, {
      runId: 'earlier-run',
      workflowId: seasonWorkflowId('2012-13', 'Regular Season'),
      season: '2012-13',
      seasonType: 'Regular Season',
      teamId,
      unit: 'roster',
      endpoint: 'commonteamroster',
      params: { Season: '2012-13', TeamID: String(teamId) },
      errorType: 'NbaTimeout',
      errorMessage: 'timed out',
      attempts: 5,
    });
    pipeline().replay.resetRequests();
    const { stdout, stderr } = await runTsScript(
      ['scripts/ingest.ts', 'redrive', '2012-13', '--wait', '--json'],
      { env },
    );
    expect(stderr).toContain(`redriving 1 dead letter(s) of 2012-13 Regular Season: ${teamId}/roster`);
    expect(JSON.parse(stdout.trim())).toMatchObject({ status: 'completed', apiCalls: 1 });
    expect(
      pipeline()
        .replay.requests()
        .log.map((r) => [r.endpoint, r.params.TeamID]),
    ).toEqual([['commonteamroster', String(teamId)]]);
    const { rows } = await pipeline().database.pool.query(
      'select * from dead_letters where resolved_at is null',
    );
    expect(rows).toEqual([]);

    const again = await runTsScript(['scripts/ingest.ts', 'redrive', '2012-13'], { env });
    expect(again.stderr).toContain('nothing to redrive');
  });

  it('the main job says plainly when the NBA API hangs, within the timeout, and shows the offline command', async () => {
    pipeline().replay.setFaults([{ kind: 'hang' }]);
    const started = Date.now();
    const failure = await runTsScript(['scripts/main-job.ts', '--season', '2023-24'], {
      env: { ...env, NBA_STATS_BASE_URL: pipeline().replay.url, NBA_TIMEOUT_MS: '1500' },
    }).catch((err: { code: number; stderr: string }) => err);
    pipeline().replay.clearFaults();
    expect(failure).toMatchObject({ code: 2 });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toContain('could not be reached');
    expect(stderr).toContain('npm start -- --replay ../shared/nba-data');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('rejects a bad season before starting anything', async () => {
    const failure = await runTsScript(['scripts/ingest.ts', 'season', '2023-25'], { env }).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/2023-25.*spans more than one year/);
  });

  it('the Temporal CLI starts the same workflow; started together with the CLI it yields one execution', async () => {
    const workflowId = seasonWorkflowId('2011-12', 'Regular Season');
    const temporalCli = run(inject('temporalCliPath'), [
      'workflow',
      'start',
      '--address',
      pipeline().temporalAddress,
      '--namespace',
      pipeline().namespace,
      '--type',
      'ingestSeason',
      '--task-queue',
      pipeline().taskQueue,
      '--workflow-id',
      workflowId,
      '--input',
      '{"season":"2011-12"}',
    ]).catch((err: { stderr: string }) => err);
    const ours = startOrAttach({
      client: pipeline().client,
      taskQueue: pipeline().taskQueue,
      season: '2011-12',
      seasonType: 'Regular Season',
    });
    const [, { handle }] = await Promise.all([temporalCli, ours]);
    const result = (await handle.result()) as { status: string; failures: { unit: string }[] };
    // No player logs of 2011-12 on hand: the replay answers 404 and the player unit is dead-lettered.
    expect(result.status).toBe('completed_with_failures');
    expect(result.failures.map((f) => f.unit)).toEqual(['player-games']);

    const executions = [];
    for await (const e of pipeline().client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
      executions.push(e);
    expect(executions).toHaveLength(1);
    const { rows } = await pipeline().database.pool.query<{ n: string }>(
      `select count(*) as n from ingestion_runs where workflow_id = $1`,
      [workflowId],
    );
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('`ingest season --games-by league` fetches the games in one request: 32 in all with the standings, nothing changed', async () => {
    pipeline().replay.resetRequests();
    const { stdout } = await runTsScript(
      [
        'scripts/ingest.ts',
        'season',
        '2011-12',
        '--games-by',
        'league',
        '--no-player-games',
        '--wait',
        '--json',
      ],
      { env },
    );
    const summary = JSON.parse(stdout.trim()) as {
      status: string;
      apiCalls: number;
      counts: Record<string, { inserted: number; updated: number }>;
    };
    expect(summary).toMatchObject({ status: 'completed', apiCalls: 32 });
    expect(pipeline().replay.requests().perEndpoint).toEqual({
      leaguegamefinder: 1,
      commonteamroster: 30,
      leaguestandingsv3: 1,
    });
    expect(summary.counts.matches).toMatchObject({ inserted: 0, updated: 0 });
  });

  it('`ingest status --json` lists both loaded seasons with their last run, games and watermark', async () => {
    const { stdout } = await runTsScript(['scripts/ingest.ts', 'status', '--json'], { env });
    const { seasons } = JSON.parse(stdout) as { seasons: SeasonStatus[] };
    const { rows: lastRuns } = await pipeline().database.pool.query<{
      season: string;
      run_id: string;
      api_calls: number;
      watermark: string;
    }>(
      `select distinct on (r.season) r.season, r.run_id, r.api_calls,
              (select to_char(max(game_date), 'YYYY-MM-DD') from matches m where m.season = r.season) as watermark
         from ingestion_runs r where r.season_type = 'Regular Season'
        order by r.season, r.started_at desc`,
    );
    expect(seasons.map((s) => s.season)).toEqual(['2011-12', '2012-13']);
    const games: Record<string, number> = { '2011-12': 990, '2012-13': 1229 };
    for (const [i, s] of seasons.entries()) {
      const last = lastRuns[i]!;
      expect(s).toMatchObject({
        season: last.season,
        seasonType: 'Regular Season',
        lastRun: { runId: last.run_id, status: 'completed' },
        gamesLoaded: games[s.season],
        watermark: last.watermark,
        requests: last.api_calls,
        quality: { failed: [] },
        // 2011-12: a full run, reconciled with the standings; 2012-13: last a redrive, not held to them
        standingsReconciled: { '2011-12': true, '2012-13': null }[s.season],
      });
      expect(s.quality?.passed).toBeGreaterThan(0);
    }
    expect(seasons.find((s) => s.season === '2012-13')?.watermark).toBe('2013-04-17');
    expect(seasons.find((s) => s.season === '2011-12')?.requests).toBe(32); // the league-wide run above

    const table = await runTsScript(['scripts/ingest.ts', 'status'], { env });
    // … games, player rows, player checks (none ran), watermark …
    expect(table.stdout).toMatch(
      /^2012-13\s+Regular Season\s+completed\s+season\s+1229\s+0\s+-\s+2013-04-17\s/m,
    );
  });
});
