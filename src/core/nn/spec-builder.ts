// Builds a NetworkSpec layer by layer, counting parameters and multiply-accumulates as it goes,
// so paramCount and macsPerInstance always follow the actual layers.
import type { ConvImpl, ForwardMode, ForwardOut, NetworkSpec, ParamSpec, TensorMap } from './network';
import { bnSpec, convBnSpec, denseSpec, type LayerCtx } from './layers';

export interface NetworkOptions {
  inputShape?: [number, number, number];
  numClasses?: number;
  /** Convolution implementation used when forward() is not given one. */
  impl?: ConvImpl;
}

export const FASHION_INPUT: [number, number, number] = [28, 28, 1];

export class SpecBuilder {
  readonly params: ParamSpec[] = [];
  readonly state: ParamSpec[] = [];
  readonly hintLayers: NetworkSpec['hintLayers'] = [];
  macs = 0;

  convBn(prefix: string, k: number, cin: number, cout: number, h: number, w: number): void {
    convBnSpec(prefix, k, cin, cout, this.params, this.state);
    this.macs += h * w * k * k * cin * cout;
  }

  bn(prefix: string, c: number): void {
    bnSpec(prefix, c, this.params, this.state);
  }

  dense(prefix: string, nin: number, nout: number): void {
    denseSpec(prefix, nin, nout, this.params);
    this.macs += nin * nout;
  }

  hint(name: string, shape: [number, number, number]): void {
    this.hintLayers.push({ name, shape });
  }

  build(id: string, label: string, inputShape: [number, number, number], numClasses: number): NetworkSpec {
    const paramCount = this.params.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
    return { id, label, inputShape, numClasses, params: this.params, state: this.state, hintLayers: this.hintLayers, paramCount, macsPerInstance: this.macs };
  }
}

export function makeCtx(params: TensorMap, state: TensorMap, mode: ForwardMode, impl: ConvImpl): LayerCtx {
  return { params, state, mode, impl, bnUpdates: [] };
}

export function emptyOut(): Omit<ForwardOut, 'logits'> {
  return { features: {}, bnUpdates: [] };
}

/** "12.3k parameters" style, for plain-language descriptions. */
export function humanCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

export function describeSize(spec: NetworkSpec): string {
  return `${humanCount(spec.paramCount)} parameters, ${humanCount(spec.macsPerInstance)} multiply-adds per image`;
}
