// Proves that the built package works as its consumers will load it:
//
// - `import` and `require` of `mediaconvert-job-tracker`, `/testing` and
//   `/aws` (when that entry exists) resolve through the `exports` map to
//   the right files of dist/, from a project that depends on the package;
// - createJobTracker gives the same answer on the sample stream through both;
// - the declaration files contain no `any` type;
// - the core entry point loads nothing from the AWS SDK, as ESM or CommonJS.
//
// Run it after `npm run build`: `node test/package/check-load.mjs`.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const NAME = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).name;
const SAMPLE = join(ROOT, 'test/fixtures/streams/two-jobs.jsonl');
const AWS_SDK_MODULE = /(?:^|[/\\])@(?:aws-sdk|smithy)[/\\]/;

const failures = [];

async function check(title, run) {
  try {
    const note = await run();
    process.stdout.write(`ok    ${title}${note ? ` (${note})` : ''}\n`);
  } catch (error) {
    failures.push(title);
    const detail = error instanceof Error ? error.message : String(error);
    process.stdout.write(`FAIL  ${title}\n      ${detail.replaceAll('\n', '\n      ')}\n`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// --- Which entry points to check -------------------------------------------

const entries = [
  { subpath: '.', file: 'index' },
  { subpath: './testing', file: 'testing' },
];
if (existsSync(join(ROOT, 'src/aws/index.ts'))) {
  entries.push({ subpath: './aws', file: 'aws' });
} else {
  process.stdout.write('note  src/aws/index.ts does not exist yet: the /aws entry is not checked\n');
}

if (!existsSync(join(DIST, 'index.js'))) {
  process.stdout.write('FAIL  dist/index.js is missing: run `npm run build` first\n');
  process.exit(1);
}

// --- A consumer project with the package in its node_modules ---------------

const consumer = mkdtempSync(join(tmpdir(), 'check-load-'));
mkdirSync(join(consumer, 'node_modules'));
symlinkSync(ROOT, join(consumer, 'node_modules', NAME), 'junction');
writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
writeFileSync(
  join(consumer, 'esm.mjs'),
  'export const load = (s) => import(s);\nexport const where = (s) => import.meta.resolve(s);\n',
);
const consumerEsm = await import(pathToFileURL(join(consumer, 'esm.mjs')).href);
const consumerRequire = createRequire(join(consumer, 'cjs.cjs'));

const specifierOf = (subpath) => (subpath === '.' ? NAME : `${NAME}/${subpath.slice(2)}`);
const distPath = (file) => relative(ROOT, file).replaceAll('\\', '/');

try {
  const loaded = {};
  for (const { subpath, file } of entries) {
    const specifier = specifierOf(subpath);

    await check(`import '${specifier}' resolves to dist/${file}.js and loads`, async () => {
      const url = consumerEsm.where(specifier);
      assert(distPath(fileURLToPath(url)) === `dist/${file}.js`, `resolved to ${url}`);
      const module = await consumerEsm.load(specifier);
      const names = Object.keys(module);
      assert(names.length > 0, 'it exports nothing');
      loaded[`esm ${subpath}`] = module;
      return `${names.length} exports`;
    });

    await check(`require('${specifier}') resolves to dist/${file}.cjs and loads`, () => {
      const path = consumerRequire.resolve(specifier);
      assert(distPath(path) === `dist/${file}.cjs`, `resolved to ${path}`);
      const module = consumerRequire(specifier);
      const names = Object.keys(module);
      assert(names.length > 0, 'it exports nothing');
      loaded[`cjs ${subpath}`] = module;
      return `${names.length} exports`;
    });

    await check(`'${specifier}' exports the same names to import and require`, () => {
      const esm = loaded[`esm ${subpath}`];
      const cjs = loaded[`cjs ${subpath}`];
      assert(esm !== undefined && cjs !== undefined, 'an entry did not load');
      const a = Object.keys(esm).filter((k) => k !== 'default').sort().join(',');
      const b = Object.keys(cjs)
        .filter((k) => k !== 'default' && k !== '__esModule')
        .sort()
        .join(',');
      assert(a === b, `import gives [${a}]\nrequire gives [${b}]`);
    });

    for (const ext of ['d.ts', 'd.cts']) {
      await check(`dist/${file}.${ext} exists`, () => {
        assert(existsSync(join(DIST, `${file}.${ext}`)), 'missing');
      });
    }
  }

  // --- The sample stream through both module systems ------------------------

  const lines = readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => l.trim() !== '');

  function replaySample(api) {
    const completed = api.createJobTracker({ jobId: '1733238000123-a1b2c3' });
    const failed = api.createJobTracker({ jobId: '1733238011456-d4e5f6' });
    for (const line of lines) {
      completed.ingest(line);
      failed.ingest(line);
    }
    const done = completed.state;
    assert(done.status === 'COMPLETE', `a1b2c3 is ${done.status}, not COMPLETE`);
    assert(done.outputs.length === 2, `a1b2c3 has ${done.outputs.length} output groups, not 2`);
    assert(done.warnings['230004']?.count === 1, 'a1b2c3 lacks warning 230004');
    const bad = failed.state;
    assert(bad.status === 'ERROR', `d4e5f6 is ${bad.status}, not ERROR`);
    assert(bad.error?.code === 3450, `d4e5f6 has error ${JSON.stringify(bad.error)}, not 3450`);
    assert(bad.warnings['230004'] !== undefined, 'd4e5f6 lacks warning 230004');
    return JSON.stringify([completed.snapshot(), failed.snapshot()]);
  }

  const answers = {};
  for (const system of ['esm', 'cjs']) {
    const how = system === 'esm' ? 'import' : 'require';
    await check(`createJobTracker through ${how} replays the sample stream`, () => {
      const api = loaded[`${system} .`];
      assert(api !== undefined, 'the entry did not load');
      answers[system] = replaySample(api);
      return 'a1b2c3 COMPLETE, d4e5f6 ERROR 3450';
    });
  }
  await check('import and require give the same snapshots', () => {
    assert(answers.esm !== undefined && answers.esm === answers.cjs, 'the snapshots differ');
  });
  await check('an error from one build is an instance of the other build\'s classes', () => {
    const esm = loaded['esm .'];
    const cjs = loaded['cjs .'];
    const fromCjs = new cjs.JobInputError('INVALID_JSON', 'from require');
    const fromEsm = new esm.JobSnapshotError('INVALID_SNAPSHOT', 'from import');
    assert(fromCjs instanceof esm.JobInputError, 'a require error is not an import JobInputError');
    assert(fromCjs instanceof esm.JobTrackerError, 'a require error is not an import JobTrackerError');
    assert(!(fromCjs instanceof esm.JobSnapshotError), 'a JobInputError passes as a JobSnapshotError');
    assert(fromEsm instanceof cjs.JobSnapshotError, 'an import error is not a require JobSnapshotError');
  });
} finally {
  rmSync(consumer, { recursive: true, force: true });
}

// --- No `any` in the declaration files --------------------------------------

/** The code of a declaration file without comments and string text, lines kept. */
function codeOf(text) {
  let out = '';
  let i = 0;
  const templates = []; // brace depth at each open `${`
  let depth = 0;
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += blank(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '`' || (c === '}' && templates.length > 0 && templates.at(-1) === depth)) {
      // Template text up to the closing backtick or the next `${`.
      if (c === '}') templates.pop();
      let j = i + 1;
      while (j < text.length && text[j] !== '`' && !(text[j] === '$' && text[j + 1] === '{')) {
        j += text[j] === '\\' ? 2 : 1;
      }
      if (text[j] === '$') {
        templates.push(depth);
        out += blank(text.slice(i, j + 2));
        i = j + 2;
      } else {
        out += blank(text.slice(i, j + 1));
        i = j + 1;
      }
    } else {
      if (c === '{') depth += 1;
      if (c === '}') depth -= 1;
      out += c;
      i += 1;
    }
  }
  return out;
}

const declarations = readdirSync(DIST).filter((f) => /\.d\.(?:c|m)?ts$/.test(f)).sort();
await check(`no \`any\` type in the ${declarations.length} declaration files of dist/`, () => {
  assert(declarations.length > 0, 'dist/ has no declaration files');
  const found = [];
  for (const file of declarations) {
    const text = readFileSync(join(DIST, file), 'utf8');
    const source = text.split('\n');
    codeOf(text)
      .split('\n')
      .forEach((line, n) => {
        if (/\bany\b/.test(line)) found.push(`dist/${file}:${n + 1}: ${source[n]?.trim()}`);
      });
  }
  assert(found.length === 0, found.join('\n'));
});

// --- The core entry point loads no AWS SDK ----------------------------------

function run(args) {
  const options = { cwd: ROOT, encoding: 'utf8', env: process.env };
  const result = spawnSync(process.execPath, args, options);
  assert(result.status === 0, `node ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

await check('require(dist/index.cjs) loads nothing from @aws-sdk or @smithy', () => {
  const script =
    'require(process.argv[1]); process.stdout.write(JSON.stringify(Object.keys(require.cache)))';
  const cached = JSON.parse(run(['-e', script, join(DIST, 'index.cjs')]));
  const sdk = cached.filter((f) => AWS_SDK_MODULE.test(f));
  assert(cached.length > 1, 'require.cache lists nothing: the check cannot see loads');
  assert(sdk.length === 0, `loaded:\n${sdk.join('\n')}`);
});

await check('import(dist/index.js) loads nothing from @aws-sdk or @smithy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-load-esm-'));
  const log = join(dir, 'resolved.log');
  try {
    const probe = join(ROOT, 'test/package/probe');
    const result = spawnSync(
      process.execPath,
      ['--import', join(probe, 'register.mjs'), join(probe, 'load.mjs'), join(DIST, 'index.js')],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, MODULE_LOG: log } },
    );
    assert(result.status === 0, `loading dist/index.js failed:\n${result.stderr}`);
    const esm = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    const { cjs } = JSON.parse(result.stdout);
    assert(esm.some((l) => l.startsWith('xstate\t')), 'the probe saw no xstate: it cannot see loads');
    const sdk = [...esm, ...cjs].filter((entry) => AWS_SDK_MODULE.test(entry));
    assert(sdk.length === 0, `loaded:\n${sdk.join('\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

if (failures.length > 0) {
  process.stdout.write(`\n${failures.length} check(s) failed.\n`);
  process.exit(1);
}
process.stdout.write('\nThe built package loads through import and require.\n');
