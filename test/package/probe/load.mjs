// Imports the module named by argv[2] (a path or a package name) and prints,
// as JSON, the CommonJS modules loaded by then (`require.cache`). With
// register.mjs, every module resolved through the ESM loader is logged too.
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const target = process.argv[2];
if (target === undefined) {
  process.stderr.write('usage: node load.mjs <module path or package name>\n');
  process.exit(2);
}
const local = target.startsWith('.') || isAbsolute(target);
const loaded = await import(local ? pathToFileURL(resolve(target)).href : target);
const require = createRequire(import.meta.url);
process.stdout.write(
  `${JSON.stringify({ exports: Object.keys(loaded).length, cjs: Object.keys(require.cache) })}\n`,
);
