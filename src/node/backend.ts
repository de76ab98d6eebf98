// Backend start-up for Node (CLI, benchmarks, unit tests): wasm first, cpu if wasm fails.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BackendChoice {
  name: string;
  /** Why this backend runs; says so when wasm failed and cpu took over. */
  reason: string;
}

function wasmDir(): string {
  // Resolve through package.json so this works bundled (CLI) and unbundled (vitest) alike.
  const require = createRequire(join(process.cwd(), 'package.json'));
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/';
}

export async function startNodeBackend(wanted: 'wasm' | 'cpu' = 'wasm', opts: { wasmDir?: string } = {}): Promise<BackendChoice> {
  if (wanted === 'wasm') {
    try {
      // Threads give no speed-up here and need cross-origin isolation in browsers.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      setWasmPaths(opts.wasmDir ?? pathToFileURL(wasmDir()).href.replace(/^file:\/\//, ''));
      // setBackend resolves false and silently keeps another backend on failure: check by name.
      const ok = await tf.setBackend('wasm');
      await tf.ready();
      if (ok && tf.getBackend() === 'wasm') return { name: 'wasm', reason: 'wasm requested' };
      throw new Error(`tf.setBackend('wasm') left backend ${tf.getBackend()}`);
    } catch (e) {
      await tf.setBackend('cpu');
      await tf.ready();
      return { name: 'cpu', reason: `wasm failed to start (${(e as Error).message}); continuing on cpu` };
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: 'cpu', reason: 'cpu requested' };
}
