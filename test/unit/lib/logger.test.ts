import { describe, expect, it } from 'vitest';
import { formatHumanLine } from '../../../lib/logger.js';

describe('human log format', () => {
  it('renders `time | level | message key=value…`, quoting values that need it', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 10, 27, 9, 40),
      pid: 1,
      hostname: 'h',
      msg: 'team games loaded',
      workflowId: 'ingest-season-2023-24-regular',
      season: '2023-24',
      teamId: 1610612747,
      note: 'two words',
    });
    expect(formatHumanLine(line)).toBe(
      '2026-11-27T09:40:00.000Z | info  | team games loaded workflowId=ingest-season-2023-24-regular season=2023-24 ' +
        'teamId=1610612747 note="two words"\n',
    );
  });
});
