/** bench/README.md shows the newest result in bench/results, as `npm run bench -- --report` renders it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figuresTable, finish, latestResult, README, withFigures } from '../../../bench/report.js';

describe('bench figures', () => {
  it('bench/README.md carries the table generated from the latest result file', async () => {
    const readme = readFileSync(README, 'utf8');
    expect(await withFigures(readme, latestResult())).toBe(readme);
  });

  it('rounds to 4 significant digits and marks each target met or missed', () => {
    const figures = finish({ orchestration_overhead: 1.92345, upsert_copy_ratio: 0.2, other: [2.00049] });
    expect(figures).toMatchObject({
      orchestration_overhead: 1.923,
      other: [2],
      targets: {
        orchestration_overhead: { target: '≤ 1.5', met: false },
        upsert_copy_ratio: { target: '≥ 0.7', met: false },
      },
    });
    expect(figuresTable(figures)).toContain('| `orchestration_overhead` | 1.923 | ≤ 1.5: **missed** |');
  });
});
