/** The command line refuses bad input before it connects to Temporal. */
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildScheduleProgram } from '../../../cli/schedule.js';
import { loadConfig } from '../../../config/env.js';

function program() {
  let connects = 0;
  let stderr = '';
  const cli = buildScheduleProgram(loadConfig({ TEMPORAL_ADDRESS: '127.0.0.1:1' }), {
    connect: async () => {
      connects += 1;
      throw new Error('must not connect');
    },
    write: () => undefined,
  });
  for (const cmd of [cli, ...cli.commands]) {
    cmd.exitOverride().configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => undefined });
  }
  return {
    run: (...args: string[]) => cli.parseAsync(['node', 'schedule', ...args]),
    connects: () => connects,
    stderr: () => stderr,
  };
}

describe('npm run schedule: bad input is refused before connecting', () => {
  it.each([
    [['create', '--season-type', 'preseason'], /seasonType "preseason" is not one of/],
    [['create', '--calendar', '{"hour":9}'], /unknown option '--calendar'/],
    [['create', '--cron'], /option '--cron <expr>' argument missing/],
    [['trigger', '--overlap', 'ALLOW_ALL'], /unknown option '--overlap'/],
    [['backfill', '2023-24'], /unknown command 'backfill'/],
  ])('%j', async (args, message) => {
    const cli = program();
    const err = await cli.run(...args).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommanderError);
    expect(cli.stderr()).toMatch(message);
    expect(cli.connects()).toBe(0);
  });

  it.each([
    [['create', '--cron', '30 6 * * MON-FRI', '--time-zone', 'UTC', '--season-type', 'playoffs']],
    [['describe', '--json']],
    [['pause', '--note', 'API answers 403']],
    [['trigger', '--id', 'nba-ingest-playoffs']],
  ])('valid input %j gets as far as connecting', async (args) => {
    const cli = program();
    await expect(cli.run(...args)).rejects.toThrow('must not connect');
    expect(cli.connects()).toBe(1);
  });
});
