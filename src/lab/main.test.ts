// The page must not bundle tfjs: tfjs-core reads `?tfjsflags=` and runs decodeURIComponent on the
// page's whole query when it is imported, so `?seed=%` or `?tfjsflags=DEBUG:true` would break the
// page before it starts. Training runs in the worker, which has its own (script) URL.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function pageInputs(): Promise<string[]> {
  const r = await build({
    entryPoints: ['src/lab/main.tsx'], bundle: true, write: false, metafile: true, format: 'esm', logLevel: 'silent',
    jsx: 'automatic', loader: { '.css': 'empty' }, external: ['*?url'],
  });
  return Object.keys(r.metafile.inputs);
}

describe('the page bundle', () => {
  it('imports no tfjs (only the worker does)', async () => {
    const inputs = await pageInputs();
    expect(inputs).toContain('src/core/settings/schema.ts');
    expect(inputs.filter((f) => f.includes('@tensorflow'))).toEqual([]);
  });

  // Page and worker share only the contract (src/lab/contract.ts); the workers are started by URL.
  it('imports no module of the workers', async () => {
    const inputs = await pageInputs();
    expect(inputs).toContain('src/lab/contract.ts');
    expect(inputs.filter((f) => f.startsWith('src/lab/worker/'))).toEqual([]);
  });
});
