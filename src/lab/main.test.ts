// The page must not bundle tfjs: tfjs-core reads `?tfjsflags=` and runs decodeURIComponent on the
// page's whole query when it is imported, so `?seed=%` or `?tfjsflags=DEBUG:true` would break the
// page before it starts. Training runs in the worker, which has its own (script) URL.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the page bundle', () => {
  it('imports no tfjs (only the worker does)', async () => {
    const r = await build({
      entryPoints: ['src/lab/main.tsx'], bundle: true, write: false, metafile: true, format: 'esm', logLevel: 'silent',
      jsx: 'automatic', loader: { '.css': 'empty' }, external: ['*?url'],
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs).toContain('src/core/settings/schema.ts');
    expect(inputs.filter((f) => f.includes('@tensorflow'))).toEqual([]);
  });
});
