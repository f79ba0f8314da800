/**
 * After a season is loaded: data-quality checks, stored with the run, and anomaly alerts
 * (error log + optional webhook POST, activities/alert.ts).
 */
import { log } from '@temporalio/activity';
import type { Database } from '../db/client.js';
import { recordQualityChecks, previousRunCounts } from '../db/quality.js';
import { readSeasonLoad } from '../db/season-status.js';
import { describeHole } from '../domain/coverage.js';
import { isSeasonComplete } from '../domain/season.js';
import { findAnomalies, factRowsSeen, type Anomaly } from '../quality/anomalies.js';
import { runQualityChecks, type QualityCheck } from '../quality/checks.js';
import { runPlayerChecks } from '../quality/player-checks.js';
import type { PlayerSumsVerdict } from '../domain/player-sums.js';
import { countLoadedRecords, lastLoadedGameDay, reconcileStandings } from '../quality/standings.js';
import type { LoadCounts } from '../domain/records.js';
import {
  momentOf,
  standingsMoment,
  type StandingsInput,
  type StandingsVerdict,
} from '../domain/standings.js';
import type { GameDates } from '../domain/game-dates.js';
import type { RunRef } from './types.js';
import { sendAlert } from './alert.js';

export interface QualityInput extends RunRef {
  counts: LoadCounts;
  /**
   * false for partial runs (redrive, a subset of teams): the checks are still recorded, but a partial
   * run is not expected to complete the season nor to match the previous full run's row count.
   */
  fullScope: boolean;
  /** The moment the run stands for ('YYYY-MM-DD'): the season's completeness is judged then, not now. */
  asOf?: string;
  /** NBA.com's standings to reconcile the loaded games with, or why there are none. */
  standings?: StandingsInput;
  /** An interval run's dates: the checks read only those dates' matches (see quality/checks.ts). */
  dates?: GameDates;
  /** The run loaded its players' lines: hold them to the team lines (quality/player-checks.ts). */
  playerGames?: boolean;
}

export interface QualitySummary {
  /** Games of the season with both teams' stat rows loaded. */
  games: number;
  passed: number;
  failed: string[];
  anomalies: Anomaly[];
  alertSent: boolean;
  /** Absent for runs that did not take the standings step (before it existed). */
  standings?: StandingsVerdict;
  /** The players' lines against the team lines; absent when the run loaded none. */
  playerSums?: PlayerSumsVerdict;
}

export interface QualityDeps {
  database: Database;
  alertWebhookUrl?: string | undefined;
  now?: () => Date;
}

export function createQualityActivities({ database, alertWebhookUrl, now = () => new Date() }: QualityDeps) {
  /** The loaded games against the standings the workflow fetched (none: the verdict it passed on). */
  async function standingsOf(input: QualityInput): Promise<{
    verdict?: StandingsVerdict;
    check?: QualityCheck;
    anomalies: Anomaly[];
  }> {
    if (!input.standings) return { anomalies: [] };
    if (input.standings.status !== 'fetched') return { verdict: input.standings, anomalies: [] };
    const { records } = input.standings;
    const asOf = standingsMoment(
      input.season,
      input.standings.asOf,
      await lastLoadedGameDay(database.pool, input.season),
    );
    const loaded = await countLoadedRecords(database.pool, input.season, asOf);
    const { holes } = await readSeasonLoad(database, input);
    const gaps = holes.filter((h) => h.from <= asOf).map((h) => describeHole(input.season, h, 'no games'));
    return reconcileStandings(input.season, asOf, loaded, records, gaps);
  }

  return {
    async checkSeasonQuality(input: QualityInput): Promise<QualitySummary> {
      const checks = await runQualityChecks(database.pool, {
        season: input.season,
        seasonType: input.seasonType,
        // A run as of a past day is judged as the season stood then.
        complete: isSeasonComplete(input.season, input.asOf ? momentOf(input.asOf) : now()),
        dates: input.dates,
      });
      const standings = await standingsOf(input);
      if (standings.check) checks.push(standings.check);
      const players = input.playerGames
        ? await runPlayerChecks(database.pool, {
            season: input.season,
            seasonType: input.seasonType,
            dates: input.dates,
          })
        : undefined;
      if (players) checks.push(...players.checks);
      const previous = input.fullScope ? await previousRunCounts(database, input) : undefined;
      const anomalies = input.fullScope
        ? findAnomalies({
            season: input.season,
            checks,
            rowsSeen: factRowsSeen(input.counts),
            previousRowsSeen: previous ? factRowsSeen(previous) : undefined,
          })
        : [];
      anomalies.push(...standings.anomalies, ...(players?.anomalies ?? []));
      await recordQualityChecks(database, input.runId, input, checks, standings.verdict);
      const failed = checks.filter((c) => !c.passed).map((c) => c.name);
      if (failed.length) log.warn('data-quality checks failed', { failed });
      let alertSent = false;
      if (anomalies.length) {
        log.error('run is anomalous', { anomalies: anomalies.map((a) => a.message) });
        if (alertWebhookUrl) {
          alertSent = await sendAlert(alertWebhookUrl, {
            kind: 'nba-ingest.anomaly',
            season: input.season,
            seasonType: input.seasonType,
            workflowId: input.workflowId,
            runId: input.runId,
            shortfall: anomalies.reduce((n, a) => Math.max(n, a.shortfall), 0),
            anomalies,
          });
        }
      }
      const gameCount = checks.find((c) => c.name === 'game_count')?.observed as
        { complete?: number } | undefined;
      return {
        games: gameCount?.complete ?? 0,
        passed: checks.length - failed.length,
        failed,
        anomalies,
        alertSent,
        ...(standings.verdict ? { standings: standings.verdict } : {}),
        ...(players ? { playerSums: players.verdict } : {}),
      };
    },
  };
}
