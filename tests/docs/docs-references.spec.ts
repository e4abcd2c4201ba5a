/**
 * The knowledge lives in the repository (issue 16): docs/domain.md and docs/architecture.md say what
 * the code implements and point at the file that does it, and the ADRs cite files too. This test
 * fails when such a cited path no longer exists (a file moved or was renamed without its docs), and
 * when code or docs point outside the repository at the documents the docs replaced (the domain
 * brief, the architecture guide, the peer scan and the seeds next to the repository).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

/** Top-level folders a cited path may start with; anything else in backticks is not a path. */
const REPO_ROOTS = ['services', 'libs', 'tests', 'deploy', 'bench', 'scripts', 'docs'];
const ROOT_FILES = [
  'README.md',
  'package.json',
  'jest.config.js',
  'nest-cli.json',
  'tsconfig.base.json',
  'tsconfig.json',
  'eslint.config.mjs',
  'docker-compose.yml',
  'Dockerfile',
  '.dependency-cruiser.cjs',
  '.swcrc',
];

function docFiles(): string[] {
  const docs = join(root, 'docs');
  const adr = join(docs, 'adr');
  const md = (dir: string) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(dir, name));
  return [...md(docs), ...md(adr)];
}

/**
 * The repository paths a Markdown file cites: code spans such as `libs/concurrency/src/version-claims.ts`
 * (a trailing `:line`, `#anchor` or `(…)` is dropped) and relative Markdown links such as
 * `(0018-version-claims-for-several-replicas.md)`. Patterns with placeholders (`<service>`, `*`,
 * `{…}`, `…`) are no single path and are left out.
 */
export function citedPaths(markdown: string, fileDir: string): string[] {
  const found = new Set<string>();
  for (const [, span] of markdown.matchAll(/`([^`\n]+)`/g)) {
    const candidate = span
      .trim()
      .replace(/[#:(].*$/, '')
      .replace(/[.,;]$/, '');
    if (/[<>*{}…\s|]/.test(candidate) || candidate.includes('..')) continue;
    const first = candidate.split('/')[0];
    if ((REPO_ROOTS.includes(first) && candidate.includes('/')) || ROOT_FILES.includes(candidate)) {
      found.add(candidate.replace(/\/$/, ''));
    }
  }
  for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    const path = target.replace(/#.*$/, '');
    found.add(relative(root, resolve(fileDir, path)));
  }
  return [...found].sort();
}

/** Text files of the repository's own code, tests, docs and tooling (no dependencies or build output). */
function repositoryTextFiles(): string[] {
  const skip = new Set(['node_modules', 'dist', '.cache', '.data', 'artifacts', '.git', 'results']);
  const extensions = /\.(ts|tsx|js|cjs|mjs|md|json|ya?ml|go|sh|html|css)$/;
  const files: string[] = ROOT_FILES.filter((name) => existsSync(join(root, name))).map((name) => join(root, name));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (skip.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (extensions.test(name)) files.push(path);
    }
  };
  for (const top of REPO_ROOTS) if (existsSync(join(root, top))) walk(join(root, top));
  return files;
}

/**
 * What points outside the repository. Built from pieces so this file does not match itself; the
 * services' own `src/shared/` folders are not meant (`../shared/domain/dates` is an import).
 */
const OUTSIDE_REFERENCES: RegExp[] = [
  new RegExp('\\b' + 'BRIEF' + '\\.md'),
  new RegExp('\\b' + 'ARCHITECTURE' + '\\.md'),
  new RegExp('\\b' + 'PEERS' + '\\.md'),
  new RegExp('shared/' + 'design/'),
  new RegExp('shared/domain/' + 'seeds'),
  new RegExp('/work/' + 'shared'),
  new RegExp('\\bseed ' + '0\\d\\d\\b'),
];

describe('documentation references', () => {
  it('finds the cited paths of a Markdown text, and leaves patterns and prose alone', () => {
    const text = [
      'See `libs/concurrency/src/version-claims.ts` (`VersionClaims`) and `services/hours/src/main.ts:12`,',
      'the fakes `services/<service>/test/in-memory-*.ts`, the word `ACTIVE`, `npm test`, `README.md`,',
      'and [ADR 18](adr/0018-version-claims-for-several-replicas.md#decision) or [a site](https://example.org).',
    ].join('\n');
    expect(citedPaths(text, join(root, 'docs'))).toEqual([
      'README.md',
      'docs/adr/0018-version-claims-for-several-replicas.md',
      'libs/concurrency/src/version-claims.ts',
      'services/hours/src/main.ts',
    ]);
  });

  it('has docs/domain.md and docs/architecture.md', () => {
    expect(existsSync(join(root, 'docs', 'domain.md'))).toBe(true);
    expect(existsSync(join(root, 'docs', 'architecture.md'))).toBe(true);
  });

  it('cites only paths that exist in the repository, in docs/*.md and docs/adr/*.md', () => {
    const missing = docFiles().flatMap((file) =>
      citedPaths(readFileSync(file, 'utf8'), dirname(file))
        .filter((path) => !existsSync(join(root, path)))
        .map((path) => `${relative(root, file)} cites ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('never points code or docs at the brief, the guide, the peer scan or the seeds outside the repository', () => {
    const self = resolve(__filename);
    const outside = repositoryTextFiles()
      .filter((file) => resolve(file) !== self)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => OUTSIDE_REFERENCES.some((pattern) => pattern.test(line)))
          .map(({ index }) => `${relative(root, file)}:${index + 1}`),
      );
    expect(outside).toEqual([]);
  });
});
