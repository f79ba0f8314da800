/** A bench result's figures: name → value, as written to bench/results/*.json (bench/report.ts). */
export type Figures = Record<string, unknown>;
