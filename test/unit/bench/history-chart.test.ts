import { describe, expect, it } from 'vitest';
import { historyChart, historyPoints } from '../../../bench/history-chart.js';

const figures = {
  history_s_per_season_1: 11.37,
  history_worker_peak_mb_1: 210,
  history_s_per_season_43: 6.5,
  history_worker_peak_mb_43: 260,
  history_s_per_season_8: 7.01,
  history_worker_peak_mb_8: 240,
  history_max_events: 200,
};

describe('the history chart', () => {
  it('reads the measured sizes in order', () => {
    expect(historyPoints(figures)).toEqual([
      { seasons: 1, secondsPerSeason: 11.37, peakMb: 210 },
      { seasons: 8, secondsPerSeason: 7.01, peakMb: 240 },
      { seasons: 43, secondsPerSeason: 6.5, peakMb: 260 },
    ]);
  });

  it('draws both curves with every value written, naming its source', () => {
    const svg = historyChart(figures, 'bench/results/x.json')!;
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    for (const text of ['11.37', '7.01', '6.5', '210', '240', '260', 'bench/results/x.json'])
      expect(svg).toContain(text);
    // XML forbids '--' inside a comment: a browser would show an error instead of the chart.
    expect(svg.match(/<!--([\s\S]*?)-->/)?.[1]).not.toContain('--');
  });

  it('draws nothing from a result without the history phase', () => {
    expect(historyChart({ bench_s: 500 }, 'x')).toBeUndefined();
  });
});
