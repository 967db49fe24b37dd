import { describe, expect, it } from 'vitest';
import { AWS_SDK_MODULE, loadedModules } from './module-probe.js';

describe('the core entry point', () => {
  it('loads nothing from the AWS SDK at run time', () => {
    const { esm, cjs } = loadedModules('src/index.ts', { typescript: true });

    expect(esm.some((line) => line.includes('/src/model/'))).toBe(true);
    expect(esm.some((line) => line.startsWith('xstate\t'))).toBe(true);
    expect(esm.filter((line) => AWS_SDK_MODULE.test(line))).toEqual([]);
    expect(cjs.filter((file) => AWS_SDK_MODULE.test(file))).toEqual([]);
  });

  it('would be caught loading the SDK: the probe sees a module that imports it', () => {
    const { esm, cjs } = loadedModules('test/package/probe/loads-sdk.mjs', { typescript: false });

    const seen = [...esm, ...cjs].filter((entry) => AWS_SDK_MODULE.test(entry));
    expect(seen.some((entry) => entry.includes('@aws-sdk/client-mediaconvert'))).toBe(true);
  });
});
