/** `npm start -- --season-type` and `ingest … --season-type` read one grammar (domain/season.ts). */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { seasonTypeOption } from '../../../cli/common.js';
import { parseMainJobOptions } from '../../../cli/main-job-options.js';
import { buildProgram } from '../../../cli/ingest.js';
import { loadConfig } from '../../../config/env.js';

const SPELLINGS = [
  ['Regular Season', 'Regular Season'],
  ['regular', 'Regular Season'],
  ['REGULAR SEASON', 'Regular Season'],
  ['Playoffs', 'Playoffs'],
  ['playoffs', 'Playoffs'],
  ['PlayIn', 'PlayIn'],
  ['play-in', 'PlayIn'],
  ['playin', 'PlayIn'],
] as const;

/** What `ingest season … --season-type <value>` makes of the value: the option's own parser. */
function ingestSeasonType(value: string): unknown {
  const season = buildProgram(loadConfig({})).commands.find((c: Command) => c.name() === 'season');
  const option = season?.options.find((o) => o.long === '--season-type');
  expect(option?.parseArg, 'ingest season has a parsed --season-type').toBeDefined();
  return option!.parseArg!(value, undefined);
}

describe('--season-type', () => {
  it.each(SPELLINGS)('npm start and ingest both read %j as %j', (spelling, seasonType) => {
    expect(parseMainJobOptions(['--season-type', spelling]).seasonType).toBe(seasonType);
    expect(seasonTypeOption(spelling)).toBe(seasonType);
    expect(ingestSeasonType(spelling)).toBe(seasonType);
  });

  it('npm start defaults to the regular season', () => {
    expect(parseMainJobOptions(['--replay', '../shared/nba-data'])).toMatchObject({
      replay: ['../shared/nba-data'],
      seasonType: 'Regular Season',
    });
  });
});
