// Backend choice inside the worker. Auto prefers WebGPU on a real GPU, then WebGL on a real GPU,
// then WASM, then CPU: on machines without a GPU both WebGPU and WebGL run on SwiftShader (CPU
// emulation), which is slower than WASM here (shared/notes/tfjs-browser-facts.md). An override
// is honoured when that backend starts. tf.setBackend fails silently, so we always check
// tf.getBackend() and run one tiny op before trusting a backend.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName, BackendPref } from '../contract';

export interface BackendChoice {
  name: BackendName;
  reason: string;
  adapter?: string;
}

// Minimal shapes of the WebGPU objects we touch (TypeScript's DOM lib has no WebGPU types yet).
interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}
export interface DeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}

let wasmConfigured = false;
function configureWasm() {
  if (wasmConfigured) return;
  wasmConfigured = true;
  // The minified threaded build fails ("e is not defined") and threads gave no speed-up here.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
}

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'wasm') configureWasm();
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok || tf.getBackend() !== name) return `tf.setBackend('${name}') left "${tf.getBackend()}" running`;
    // One real op with an async read (never dataSync: it breaks WebGPU devices).
    const t = tf.tidy(() => tf.square(tf.tensor1d([1, 2, 3])));
    const d = await t.data();
    t.dispose();
    if (d[2] !== 9) return `a test op gave a wrong result on ${name}`;
    return null;
  } catch (e) {
    return (e as Error).message || String(e);
  }
}

function describeAdapter(a: AdapterLike | null): string | undefined {
  const i = a?.info;
  if (!i) return undefined;
  return [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' ') || 'unnamed adapter';
}

async function probeWebGpu(): Promise<{ adapter: AdapterLike | null; fallback: boolean; why?: string }> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;
  if (!gpu) return { adapter: null, fallback: false, why: 'this browser has no WebGPU' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { adapter: null, fallback: false, why: 'no WebGPU adapter is available' };
    return { adapter, fallback: adapter.info?.isFallbackAdapter === true };
  } catch (e) {
    return { adapter: null, fallback: false, why: `requesting a WebGPU adapter failed (${(e as Error).message})` };
  }
}

/** The WebGL renderer string, or null when WebGL2 is not available in this worker. */
function webglRenderer(): string | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const r = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return String(r);
  } catch {
    return null;
  }
}

const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export async function chooseBackend(pref: BackendPref): Promise<BackendChoice> {
  const skipped: string[] = [];
  if (pref !== 'auto') {
    let adapter: string | undefined;
    if (pref === 'webgpu') {
      const p = await probeWebGpu();
      adapter = describeAdapter(p.adapter);
      if (p.fallback) adapter = `${adapter ?? 'adapter'} (software fallback adapter: expect it to be slow)`;
    }
    const err = await tryBackend(pref);
    if (!err) return { name: pref, reason: `${pref} was chosen by you`, adapter };
    skipped.push(`${pref} (your choice) failed to start: ${err}`);
  } else {
    const p = await probeWebGpu();
    if (p.adapter && !p.fallback) {
      const err = await tryBackend('webgpu');
      if (!err) return { name: 'webgpu', reason: 'WebGPU runs on a hardware GPU adapter: the fastest choice', adapter: describeAdapter(p.adapter) };
      skipped.push(`WebGPU failed to start (${err})`);
    } else {
      skipped.push(p.fallback ? 'WebGPU only offers a software (fallback) adapter' : `WebGPU skipped: ${p.why}`);
    }
    const renderer = webglRenderer();
    if (renderer && !SOFTWARE_GL.test(renderer)) {
      const err = await tryBackend('webgl');
      if (!err) return { name: 'webgl', reason: `${skipped.join('; ')}; WebGL runs on a GPU (${renderer})`, adapter: renderer };
      skipped.push(`WebGL failed to start (${err})`);
    } else {
      skipped.push(renderer ? `WebGL is software-rendered (${renderer}), slower than WASM` : 'WebGL2 is not available in workers here');
    }
  }
  for (const name of ['wasm', 'cpu'] as const) {
    if (name === pref) continue;
    const err = await tryBackend(name);
    if (!err) {
      const why = name === 'wasm' ? 'WASM is the fastest CPU backend' : 'CPU is the last resort (slow)';
      return { name, reason: `${skipped.join('; ')}; ${why}` };
    }
    skipped.push(`${name} failed to start (${err})`);
  }
  throw new Error(`No TensorFlow.js backend could start: ${skipped.join('; ')}`);
}

/** The WebGPU device, when WebGPU runs (to watch `lost` and to simulate a loss in tests). */
export function webgpuDevice(): DeviceLike | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const b = tf.backend() as unknown as { device?: DeviceLike };
  return b.device ?? null;
}
