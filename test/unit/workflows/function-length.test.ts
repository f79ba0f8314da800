/**
 * Workflow code stays readable at a glance (issue 20): no function in workflows/ is longer than a
 * screen (80 lines, its signature and closing brace included), and ingestSeason's body, the DAG a
 * newcomer reads first, fits in about 60 lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/index.js';

const WORKFLOWS_DIR = path.join(repoRoot, 'workflows');
const MAX_FUNCTION_LINES = 80;
const MAX_INGEST_SEASON_BODY_LINES = 60;

interface FunctionSpan {
  where: string;
  name: string;
  lines: number;
  bodyLines: number;
}

function functionSpans(file: string): FunctionSpan[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const spans: FunctionSpan[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const body = node.body as ts.Node;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)';
      spans.push({
        where: `${path.relative(repoRoot, file)}:${lineOf(node.getStart()) + 1}`,
        name,
        lines: lineOf(node.getEnd()) - lineOf(node.getStart()) + 1,
        bodyLines: lineOf(body.getEnd()) - lineOf(body.getStart()) - 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return spans;
}

const spans = readdirSync(WORKFLOWS_DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .flatMap((f) => functionSpans(path.join(WORKFLOWS_DIR, f)));

describe('workflow code at a glance', () => {
  it(`no function in workflows/ is longer than ${MAX_FUNCTION_LINES} lines`, () => {
    const longest = [...spans].sort((a, b) => b.lines - a.lines);
    console.info(
      `longest in workflows/: ${longest
        .slice(0, 3)
        .map((s) => `${s.name} (${s.where}) ${s.lines}`)
        .join(', ')}`,
    );
    expect(longest.filter((s) => s.lines > MAX_FUNCTION_LINES)).toEqual([]);
  });

  it(`ingestSeason's body fits in ${MAX_INGEST_SEASON_BODY_LINES} lines`, () => {
    const ingestSeason = spans.find((s) => s.name === 'ingestSeason');
    expect(ingestSeason?.bodyLines).toBeLessThanOrEqual(MAX_INGEST_SEASON_BODY_LINES);
  });
});
