/**
 * Every real roster file parses and transforms through the client and the replay server: the 240
 * BotJace CommonTeamRoster files (16-column layout, rebuilt into the envelope by the replay server)
 * and binbinla's 30 complete 2017-18 responses (13-column layout, served verbatim).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNbaClient } from '../../../nba/client.js';
import { parseCommonTeamRoster } from '../../../nba/parse.js';
import { transformRoster } from '../../../nba/transform.js';
import { startReplayServer, type ReplayServer } from '../../../replay/server.js';
import { SHARED_DATA_DIR, mapLimit, sharedPath } from '../../support/shared-data.js';
import { hasNbaData } from '../../support/index.js';

const BOTJACE = 'BotJace-all-roads-lead-to-lebron';
const BINBINLA = 'binbinla-basketballWorkFlow';

describe.skipIf(!hasNbaData())(`roster files in ${SHARED_DATA_DIR}`, () => {
  let botjace: ReplayServer;
  let binbinla: ReplayServer;

  beforeAll(async () => {
    botjace = await startReplayServer({ dataDirs: [sharedPath(BOTJACE)] });
    binbinla = await startReplayServer({ dataDirs: [sharedPath(BINBINLA)] });
  });
  afterAll(async () => {
    await botjace?.close();
    await binbinla?.close();
  });

  it(`all 240 ${BOTJACE}/teams files parse and transform`, async () => {
    const files = readdirSync(sharedPath(BOTJACE, 'teams')).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(240);
    const client = createNbaClient({ baseUrl: botjace.url, timeoutMs: 10_000 });
    const counts = await mapLimit(files, 4, async (file) => {
      const [, teamId, season] = /^(\d+)_(\d{4}-\d{2})\.json$/.exec(file) as RegExpExecArray;
      const original = JSON.parse(readFileSync(sharedPath(BOTJACE, 'teams', file), 'utf8')) as Record<
        string,
        unknown
      >[];
      const rows = parseCommonTeamRoster(
        await client.commonTeamRoster({ season: season as string, teamId: Number(teamId) }),
      );
      expect(rows.length, file).toBe(original.length);
      const batch = transformRoster(rows, { season: season as string, teamId: Number(teamId) });
      expect(batch.players.length, file).toBe(original.length);
      expect(
        batch.rosters.every((r) => r.season === season && r.teamId === Number(teamId)),
        file,
      ).toBe(true);
      expect(
        batch.players.every((p) => p.birthDate === null || /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate)),
        file,
      ).toBe(true);
      expect(
        batch.players.every((p) => p.playerSlug !== null),
        file,
      ).toBe(true); // 16-column layout
      return { season: season as string, players: rows.length };
    });
    const perSeason = new Map<string, number>();
    for (const { season, players } of counts) perSeason.set(season, (perSeason.get(season) ?? 0) + players);
    // player counts per season, as listed in the folder's SOURCE.md
    expect(Object.fromEntries(perSeason)).toEqual({
      '2011-12': 442,
      '2012-13': 446,
      '2017-18': 502,
      '2019-20': 510,
      '2020-21': 503,
      '2023-24': 532,
      '2024-25': 534,
      '2025-26': 527,
    });
    expect(botjace.requests().total).toBe(240);
    expect(botjace.requests().log.every((entry) => entry.status === 200 && !entry.note)).toBe(true);
  });

  it(`all 30 ${BINBINLA} 2017-18 responses (13 columns, string coach ids) parse, served verbatim`, async () => {
    const dir = sharedPath(BINBINLA, 'commonteamroster_2017-18');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(30);
    const client = createNbaClient({ baseUrl: binbinla.url, timeoutMs: 10_000 });
    let players = 0;
    for (const file of files) {
      const body = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as {
        parameters: { TeamID: number; Season: string };
      };
      const { TeamID: teamId, Season: season } = body.parameters;
      const response = await client.commonTeamRoster({ season, teamId });
      expect(binbinla.requests().log.at(-1)?.source, file).toBe('verbatim');
      const rows = parseCommonTeamRoster(response);
      expect(
        rows.every((r) => r.nickname === null && r.howAcquired === null),
        file,
      ).toBe(true);
      players += transformRoster(rows, { season, teamId }).players.length;
    }
    expect(players).toBe(505);
  });
});
