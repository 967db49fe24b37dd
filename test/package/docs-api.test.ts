import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './module-probe.js';

/** The names `src/index.ts` exports, values and types alike. */
function publicExports(): string[] {
  const entry = `${ROOT}src/index.ts`;
  const program = ts.createProgram([entry], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
  });
  const source = program.getSourceFile(entry);
  const checker = program.getTypeChecker();
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error('src/index.ts could not be read.');
  return program
    .getTypeChecker()
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort();
}

/** The names docs/api.md lists: the first cell of each table row, up to `(` or `<`. */
function documentedNames(): string[] {
  const text = readFileSync(`${ROOT}docs/api.md`, 'utf8');
  const names: string[] = [];
  for (const match of text.matchAll(/^\| `([A-Za-z_][A-Za-z0-9_]*)[^`]*` \|/gm)) {
    if (match[1] !== undefined) names.push(match[1]);
  }
  return names.sort();
}

describe('docs/api.md', () => {
  it('lists every export of the main entry point once, and nothing else', () => {
    const exported = publicExports();

    const documented = documentedNames();

    expect(exported.length).toBeGreaterThan(50);
    expect(documented).toEqual(exported);
  });
});
