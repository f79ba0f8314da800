/**
 * checkSeasonQuality in MockActivityEnvironment: which rules apply to a full or a partial run, and
 * the anomaly alert (sent to a local webhook; a failing webhook never fails the run). The SQL checks
 * and their storage are fakes here (the integration tests run them on PostgreSQL).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQualityActivities, type QualityDeps, type QualityInput } from '../../../activities/quality.js';
import type { Database } from '../../../db/client.js';
import { previousRunCounts, recordQualityChecks } from '../../../db/quality.js';
import { readSeasonLoad } from '../../../db/season-status.js';
import { runQualityChecks, type QualityCheck } from '../../../quality/checks.js';
import { countLoadedRecords, lastLoadedGameDay } from '../../../quality/standings.js';
import { activityEnv, runsIn } from '../../support/activity-env.js';

vi.mock('../../../quality/checks.js', () => ({ runQualityChecks: vi.fn() }));
vi.mock('../../../db/quality.js', () => ({ previousRunCounts: vi.fn(), recordQualityChecks: vi.fn() }));
vi.mock('../../../db/season-status.js', () => ({ readSeasonLoad: vi.fn() }));
// The W-L count is SQL (integration tests); the comparison is the real one.
vi.mock('../../../quality/standings.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../quality/standings.js')>()),
  countLoadedRecords: vi.fn(),
  lastLoadedGameDay: vi.fn(),
}));

const database = { pool: { name: 'fake pool' } } as unknown as Database;
const stats = (rows: number) => ({ team_game_stats: { inserted: rows, updated: 0, unchanged: 0 } });
/** A complete 2023-24 season 30 games short, with one other check failing. */
const shortSeason: QualityCheck[] = [
  { name: 'game_count', passed: false, observed: { matches: 1200, complete: 1200 }, expected: 1230 },
  { name: 'null_rates', passed: false, observed: {}, expected: {} },
  { name: 'game_id_prefix', passed: true, observed: 0, expected: 0 },
];
const input = (fullScope: boolean): QualityInput => ({
  runId: 'run-2',
  workflowId: 'ingest-season-2023-24-regular',
  season: '2023-24',
  seasonType: 'Regular Season',
  counts: stats(2400),
  fullScope,
});
const now = () => new Date('2026-12-01T00:00:00Z');

/** checkSeasonQuality built from `deps`, run in a mock activity environment. */
function qualityActivity(deps: Omit<QualityDeps, 'database' | 'now'>) {
  const activities = createQualityActivities({ ...deps, database, now });
  return runsIn(activityEnv(), (input: QualityInput) => activities.checkSeasonQuality(input));
}

let webhook: Server;
let webhookUrl: string;
const alerts: unknown[] = [];

beforeAll(async () => {
  webhook = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      alerts.push(JSON.parse(body));
      res.writeHead(req.url === '/broken' ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => webhook.close(() => resolve())));

beforeEach(() => {
  alerts.length = 0;
  vi.clearAllMocks();
  vi.mocked(runQualityChecks).mockResolvedValue(shortSeason);
  vi.mocked(previousRunCounts).mockResolvedValue(stats(2460));
  vi.mocked(readSeasonLoad).mockResolvedValue({ loaded: [], holes: [], watermark: null, gamesLoaded: 0 });
});

describe('checkSeasonQuality', () => {
  it('a full run: checks the completed season, finds the shortfall and alerts the webhook', async () => {
    const checkSeasonQuality = qualityActivity({ alertWebhookUrl: webhookUrl });
    const summary = await checkSeasonQuality(input(true));

    expect(runQualityChecks).toHaveBeenCalledWith(database.pool, {
      season: '2023-24',
      seasonType: 'Regular Season',
      complete: true,
    });
    expect(previousRunCounts).toHaveBeenCalledOnce();
    expect(recordQualityChecks).toHaveBeenCalledWith(database, 'run-2', input(true), shortSeason, undefined);
    expect(summary).toMatchObject({
      games: 1200,
      passed: 1,
      failed: ['game_count', 'null_rates'],
      alertSent: true,
    });
    // 2400 rows against the previous run's 2460 is within the tolerance: only the shortfall.
    expect(summary.anomalies.map((a) => a.kind)).toEqual(['game_shortfall']);
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'nba-ingest.anomaly',
        season: '2023-24',
        runId: 'run-2',
        shortfall: 30,
        anomalies: summary.anomalies,
      }),
    ]);
  });

  it('a partial run (some teams, a redrive): records the checks but holds it to no anomaly rule', async () => {
    const checkSeasonQuality = qualityActivity({ alertWebhookUrl: webhookUrl });
    const summary = await checkSeasonQuality(input(false));
    expect(previousRunCounts).not.toHaveBeenCalled();
    expect(recordQualityChecks).toHaveBeenCalledOnce();
    expect(summary).toMatchObject({ failed: ['game_count', 'null_rates'], anomalies: [], alertSent: false });
    expect(alerts).toEqual([]);
  });

  it('a failing webhook is logged, not thrown: the run goes on with alertSent false', async () => {
    const checkSeasonQuality = qualityActivity({
      alertWebhookUrl: `${webhookUrl}/broken`,
    });
    const summary = await checkSeasonQuality(input(true));
    expect(alerts).toHaveLength(1);
    expect(summary.anomalies).toHaveLength(1);
    expect(summary.alertSent).toBe(false);
  });

  it('a season in progress is checked as incomplete', async () => {
    const checkSeasonQuality = qualityActivity({});
    vi.mocked(runQualityChecks).mockResolvedValue([
      { name: 'game_count', passed: true, observed: { matches: 300, complete: 300 }, expected: '> 0' },
    ]);
    const summary = await checkSeasonQuality({ ...input(true), season: '2026-27' });
    expect(vi.mocked(runQualityChecks).mock.calls[0]?.[1]).toMatchObject({ complete: false });
    expect(summary).toMatchObject({ games: 300, passed: 1, failed: [], anomalies: [], alertSent: false });
  });

  it('standings fetched and differing: a failed check, an anomaly naming both teams, the verdict recorded', async () => {
    const checkSeasonQuality = qualityActivity({ alertWebhookUrl: webhookUrl });
    vi.mocked(runQualityChecks).mockResolvedValue([]);
    vi.mocked(lastLoadedGameDay).mockResolvedValue('2026-02-21');
    vi.mocked(countLoadedRecords).mockResolvedValue([
      { teamId: 1610612744, wins: 28, losses: 28 },
      { teamId: 1610612747, wins: 34, losses: 21 },
    ]);
    // The season's dates before November were never loaded; a hole after the moment is not named.
    vi.mocked(readSeasonLoad).mockResolvedValue({
      loaded: [],
      holes: [
        { from: '2025-07-01', to: '2025-10-31' },
        { from: '2026-02-22', to: '2026-02-23' },
      ],
      watermark: null,
      gamesLoaded: 0,
    });
    const summary = await checkSeasonQuality({
      ...input(true),
      season: '2025-26',
      asOf: '2026-02-21',
      standings: {
        status: 'fetched',
        asOf: '2026-02-21',
        records: [
          { teamId: 1610612744, wins: 29, losses: 27 },
          { teamId: 1610612747, wins: 33, losses: 22 },
        ],
      },
    });
    // as of 2026-02-21 the season was in progress, although it is complete by the clock
    expect(vi.mocked(runQualityChecks).mock.calls[0]?.[1]).toMatchObject({
      season: '2025-26',
      complete: false,
    });
    expect(countLoadedRecords).toHaveBeenCalledWith(database.pool, '2025-26', '2026-02-21');
    expect(summary.failed).toEqual(['standings_reconciled']);
    expect(summary.standings).toMatchObject({
      status: 'mismatch',
      mismatches: [{ team: 'GSW' }, { team: 'LAL' }],
    });
    expect(summary.anomalies.map((a) => a.kind)).toEqual(['standings_mismatch']);
    expect(summary.anomalies[0]?.message).toBe(
      '2025-26 standings as of 2026-02-21 differ for 2 team(s) (no games loaded before 2025-11-01): ' +
        'GSW 28-28 loaded, 29-27 on NBA.com; LAL 34-21 loaded, 33-22 on NBA.com',
    );
    expect(alerts).toEqual([expect.objectContaining({ anomalies: summary.anomalies })]);
    const [, , , checks, verdict] = vi.mocked(recordQualityChecks).mock.calls[0]!;
    expect(checks.map((c) => [c.name, c.passed])).toEqual([['standings_reconciled', false]]);
    expect(verdict).toEqual(summary.standings);
  });

  it("a complete season's standings are counted and labelled as of its last loaded game day, not today", async () => {
    const checkSeasonQuality = qualityActivity({});
    vi.mocked(runQualityChecks).mockResolvedValue([]);
    vi.mocked(lastLoadedGameDay).mockResolvedValue('2024-04-14');
    vi.mocked(countLoadedRecords).mockResolvedValue([{ teamId: 1610612744, wins: 46, losses: 36 }]);
    const summary = await checkSeasonQuality({
      ...input(true),
      standings: {
        status: 'fetched',
        asOf: '2026-12-01',
        records: [{ teamId: 1610612744, wins: 46, losses: 36 }],
      },
    });
    expect(lastLoadedGameDay).toHaveBeenCalledWith(database.pool, '2023-24');
    expect(countLoadedRecords).toHaveBeenCalledWith(database.pool, '2023-24', '2024-04-14');
    expect(summary.standings).toEqual({ status: 'reconciled', asOf: '2024-04-14', teams: 1 });
  });

  it('standings not applicable: no check, no count, the reason recorded', async () => {
    const checkSeasonQuality = qualityActivity({});
    const standings = { status: 'not_applicable', reason: 'a partial run' } as const;
    const summary = await checkSeasonQuality({ ...input(false), standings });
    expect(countLoadedRecords).not.toHaveBeenCalled();
    expect(summary.standings).toEqual(standings);
    expect(vi.mocked(recordQualityChecks).mock.calls[0]?.[4]).toEqual(standings);
  });
});
