/**
 * The layers' import boundaries, read from the source itself: every import and export-from
 * statement (and dynamic `import()`) of every .ts/.tsx file under common/, db/, server/ and
 * client/, checked against the forbidden arrows below.
 *
 * - common/ is pure and shared with the browser: it imports neither db/ nor server/;
 * - client/ takes nothing from server/ but types (`import type`, erased before it runs; an
 *   inline `import { type X }` still leaves an import behind, so it does not count as a type);
 * - routers validate and call a service; they never touch the database;
 * - db/ knows nothing of the server that uses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Arrow {
  /** Files under this folder (relative to the project, '/'-separated)… */
  readonly from: string;
  /** …must not import anything under this one… */
  readonly to: string;
  /** …except type-only imports, where this is true. */
  readonly typesAllowed: boolean;
  readonly why: string;
}

const FORBIDDEN: readonly Arrow[] = [
  { from: 'common/', to: 'db/', typesAllowed: false, why: 'common is pure' },
  { from: 'common/', to: 'server/', typesAllowed: false, why: 'common is pure' },
  { from: 'client/', to: 'server/', typesAllowed: true, why: 'the client takes only types' },
  { from: 'server/trpc/routers/', to: 'db/', typesAllowed: false, why: 'routers call services' },
  { from: 'db/', to: 'server/', typesAllowed: false, why: 'the database layer serves the server' },
];

const LAYERS = ['common', 'db', 'server', 'client'] as const;
const ROOT = resolve(import.meta.dirname, '../..');

interface Import {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** The imports of one source file; comments are blanked first so they cannot fake one. */
function importsOf(source: string): Import[] {
  const code = withoutComments(source);
  const found: Import[] = [];
  const statement =
    /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?(?:[\w*$\s{},]*?\s*from\s*)?['"]([^'"]+)['"]/g;
  for (const match of code.matchAll(statement)) {
    found.push({ specifier: match[3] ?? '', typeOnly: match[2] !== undefined });
  }
  for (const match of code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ specifier: match[1] ?? '', typeOnly: false });
  }
  return found;
}

/** Replaces comments with spaces, leaving strings (and so import specifiers) alone. */
function withoutComments(source: string): string {
  return source.replace(
    /("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
    (whole, literal: string | undefined) => literal ?? whole.replace(/[^\n]/g, ' '),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Project-relative, '/'-separated; null for packages. */
function target(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return relative(ROOT, resolve(dirname(file), specifier))
    .split(sep)
    .join('/');
}

function violations(
  files: readonly { path: string; source: string }[],
  arrows: readonly Arrow[],
): string[] {
  return files.flatMap(({ path, source }) => {
    const from = relative(ROOT, path).split(sep).join('/');
    return importsOf(source).flatMap((imported) => {
      const to = target(path, imported.specifier);
      if (to === null) return [];
      return arrows
        .filter((arrow) => from.startsWith(arrow.from) && to.startsWith(arrow.to))
        .filter((arrow) => !(arrow.typesAllowed && imported.typeOnly))
        .map((arrow) => `${from} imports ${imported.specifier} (${arrow.why})`);
    });
  });
}

function projectFiles(): { path: string; source: string }[] {
  return LAYERS.flatMap((layer) => sourceFiles(join(ROOT, layer))).map((path) => ({
    path,
    source: readFileSync(path, 'utf8'),
  }));
}

describe('import boundaries', () => {
  it('reads the imports of every kind of statement', () => {
    const source = [
      "import { a } from '../db/a.ts';",
      "import type { B } from '../server/b.ts';",
      'import {',
      '  type C,',
      "} from '../server/c.ts';",
      "export { d } from './d.ts';",
      "export type { E } from './e.ts';",
      "export * from './f.ts';",
      "import './g.ts';",
      "const h = await import('./h.ts');",
      "// import { x } from '../server/commented.ts';",
      "/* import { y } from '../server/also-commented.ts'; */",
      'const text = \'import { z } from "../server/in-a-string.ts"\';',
    ].join('\n');
    expect(importsOf(source)).toEqual([
      { specifier: '../db/a.ts', typeOnly: false },
      { specifier: '../server/b.ts', typeOnly: true },
      { specifier: '../server/c.ts', typeOnly: false },
      { specifier: './d.ts', typeOnly: false },
      { specifier: './e.ts', typeOnly: true },
      { specifier: './f.ts', typeOnly: false },
      { specifier: './g.ts', typeOnly: false },
      { specifier: './h.ts', typeOnly: false },
    ]);
  });

  it('finds a forbidden arrow where there is one', () => {
    const file = (path: string, source: string) => ({ path: join(ROOT, path), source });
    const found = violations(
      [
        file('common/pure.ts', "import { db } from '../db/client.ts';"),
        file('client/src/x.ts', "import { type AppRouter } from '../../server/trpc/router.ts';"),
        file('client/src/y.ts', "import type { AppRouter } from '../../server/trpc/router.ts';"),
        file('server/trpc/routers/r.ts', "import { accounts } from '../../../db/schema/index.ts';"),
        file('server/services/s.ts', "import { accounts } from '../../db/schema/index.ts';"),
        file('db/d.ts', "import type { Unit } from '../server/writer/unit.ts';"),
      ],
      FORBIDDEN,
    );
    expect(found).toEqual([
      'common/pure.ts imports ../db/client.ts (common is pure)',
      'client/src/x.ts imports ../../server/trpc/router.ts (the client takes only types)',
      'server/trpc/routers/r.ts imports ../../../db/schema/index.ts (routers call services)',
      'db/d.ts imports ../server/writer/unit.ts (the database layer serves the server)',
    ]);
  });

  it('holds across common, db, server and client', () => {
    const files = projectFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(violations(files, FORBIDDEN)).toEqual([]);
  });
});
