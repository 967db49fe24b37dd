// Module resolution hooks that record every module resolved through the ESM
// loader, one `specifier<TAB>url` line each, to the file named at registration.
import { appendFileSync } from 'node:fs';

let log = null;

export async function initialize(data) {
  log = typeof data?.log === 'string' ? data.log : null;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (log !== null) appendFileSync(log, `${specifier}\t${result.url}\n`);
  return result;
}
