/** Season → backfill range: one firing of the spec inside each season, in a one-second range. */
import { describe, expect, it } from 'vitest';
import {
  planSeasonBackfills,
  rangeAroundFiring,
  scheduledWorkflowId,
  seasonAnchor,
  seasonBounds,
  seasonSearchWindows,
  type MatchingTimes,
  type TimeWindow,
} from '../../../cli/schedule/backfill-plan.js';
import { ScheduleInputError } from '../../../cli/schedule/options.js';
import { currentSeason } from '../../../domain/season.js';

const HOUR = 3_600_000;

/** What ListScheduleMatchingTimes answers for a spec that fires when `fires(t)` at whole hours (both ends inclusive). */
function hourlyMatcher(fires: (t: Date) => boolean): MatchingTimes & { calls: TimeWindow[] } {
  const calls: TimeWindow[] = [];
  const matcher = async (w: TimeWindow): Promise<Date[]> => {
    calls.push(w);
    const out: Date[] = [];
    for (let t = Math.ceil(w.start.getTime() / HOUR) * HOUR; t <= w.end.getTime(); t += HOUR) {
      if (fires(new Date(t))) out.push(new Date(t));
    }
    return out;
  };
  return Object.assign(matcher, { calls });
}

const dailyAt14Z = hourlyMatcher((t) => t.getUTCHours() === 14);
const mondaysAt14Z = hourlyMatcher((t) => t.getUTCDay() === 1 && t.getUTCHours() === 14);
const july4thOnly = hourlyMatcher(
  (t) => t.getUTCMonth() === 6 && t.getUTCDate() === 4 && t.getUTCHours() === 9,
);
const never = hourlyMatcher(() => false);

describe('season dates', () => {
  it('a season runs October 1 to September 30 (UTC), as currentSeason reads dates', () => {
    const { start, end } = seasonBounds('2019-20');
    expect(start.toISOString()).toBe('2019-10-01T00:00:00.000Z');
    expect(end.toISOString()).toBe('2020-09-30T23:59:59.999Z');
    expect(currentSeason(start)).toBe('2019-20');
    expect(currentSeason(end)).toBe('2019-20');
    expect(currentSeason(new Date(end.getTime() + 1))).toBe('2020-21');
    expect(currentSeason(new Date(start.getTime() - 1))).toBe('2018-19');
  });

  it('the anchor is January 15 of the second year, inside the season (also the 2011-12 lockout season)', () => {
    expect(seasonAnchor('2023-24').toISOString()).toBe('2024-01-15T00:00:00.000Z');
    for (const season of ['1998-99', '2011-12', '2019-20', '2020-21', '2023-24'])
      expect(currentSeason(seasonAnchor(season))).toBe(season);
  });

  it('the search windows cover the whole season, the anchor day first', () => {
    const [first, ...rest] = seasonSearchWindows('2020-21');
    expect(first).toEqual({ start: new Date('2021-01-15T00:00:00Z'), end: new Date('2021-01-16T00:00:00Z') });
    const covered = [first!, ...rest].reduce((ms, w) => ms + (w.end.getTime() - w.start.getTime()), 0);
    const { start, end } = seasonBounds('2020-21');
    expect(covered).toBeGreaterThanOrEqual(end.getTime() - start.getTime() - 2);
  });
});

describe('planSeasonBackfills', () => {
  it('daily spec: each season runs at the spec time on January 15, the range holds exactly that firing', async () => {
    const plan = await planSeasonBackfills(['2019-20', '2020-21', '2023-24'], dailyAt14Z);
    expect(plan.map((p) => [p.season, p.firing.toISOString()])).toEqual([
      ['2019-20', '2020-01-15T14:00:00.000Z'],
      ['2020-21', '2021-01-15T14:00:00.000Z'],
      ['2023-24', '2024-01-15T14:00:00.000Z'],
    ]);
    for (const p of plan) {
      expect(currentSeason(p.firing)).toBe(p.season);
      expect(p.range).toEqual(rangeAroundFiring(p.firing));
      expect(await dailyAt14Z(p.range)).toEqual([p.firing]);
    }
  });

  it('weekly spec: the first firing after the anchor day, still in the season', async () => {
    // January 15, 2021 was a Friday: the next Monday.
    const [plan] = await planSeasonBackfills(['2020-21'], mondaysAt14Z);
    expect(plan?.firing.toISOString()).toBe('2021-01-18T14:00:00.000Z');
  });

  it('a spec that fires only in the off-season still maps to the season', async () => {
    const [plan] = await planSeasonBackfills(['2023-24'], july4thOnly);
    expect(plan?.firing.toISOString()).toBe('2024-07-04T09:00:00.000Z');
    expect(currentSeason(plan!.firing)).toBe('2023-24');
  });

  it('a spec that never fires in a season is refused before anything is backfilled', async () => {
    const err = await planSeasonBackfills(['2019-20'], never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScheduleInputError);
    expect((err as Error).message).toMatch(/never fires during season 2019-20 \(2019-10-01 to 2020-09-30\)/);
  });

  it('stops searching a season at its first window with a firing', async () => {
    const matcher = hourlyMatcher((t) => t.getUTCHours() === 14);
    await planSeasonBackfills(['2021-22'], matcher);
    expect(matcher.calls).toHaveLength(1);
  });
});

describe('rangeAroundFiring and scheduledWorkflowId', () => {
  it('one second centred on the firing', () => {
    const t = new Date('2024-01-15T14:00:00Z');
    expect(rangeAroundFiring(t)).toEqual({
      start: new Date('2024-01-15T13:59:59.500Z'),
      end: new Date('2024-01-15T14:00:00.500Z'),
    });
  });

  it('names runs as the server does: <action workflow id>-<RFC 3339 to the second>', () => {
    expect(scheduledWorkflowId('nba-ingest-daily', new Date('2024-01-15T14:00:00Z'))).toBe(
      'nba-ingest-daily-2024-01-15T14:00:00Z',
    );
  });
});
