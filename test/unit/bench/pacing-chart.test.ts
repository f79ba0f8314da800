import { describe, expect, it } from 'vitest';
import { pacingChart } from '../../../bench/pacing-chart.js';
import { figuresTable } from '../../../bench/report.js';

const figures = {
  paced_backfill_s: 210.4,
  fixed_backfill_s: 330.2,
  pacing_timeline: {
    paced: { answered: [0, 0.1, 0.2, 40.5, 41, 200.1], cut: [2.1, 2.2] },
    fixed: { answered: [0, 0.1, 35, 35.1, 330], cut: [2, 2.1, 37, 37.2] },
  },
};

describe('the pacing chart', () => {
  it('draws one line per run, a tick per request cut off, and names its source', () => {
    const svg = pacingChart(figures, 'bench/results/partial/x.json')!;
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    // The ticks, in each run's colour: two of the paced run's requests fell into cutoffs, four of the fixed run's.
    expect(svg.match(/<line [^>]*stroke="#1f77b4"/g)).toHaveLength(2);
    expect(svg.match(/<line [^>]*stroke="#d62728"/g)).toHaveLength(4);
    for (const text of ['paced 210 s', 'fixed 330 s', 'bench/results/partial/x.json'])
      expect(svg).toContain(text);
    expect(svg.match(/<!--([\s\S]*?)-->/)?.[1]).not.toContain('--');
  });

  it('draws nothing from a result without the pacing phase, and the figures table leaves timelines out', () => {
    expect(pacingChart({ bench_s: 500 }, 'x')).toBeUndefined();
    expect(figuresTable(figures)).not.toContain('pacing_timeline');
    expect(figuresTable(figures)).toContain('paced_backfill_s');
  });
});
