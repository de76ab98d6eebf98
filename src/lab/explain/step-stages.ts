// The seven stages of one HKD update (HKD.md §4–§5) as the step-through shows them, built from
// the real step's trace (core/train/step-trace.ts). Pure: the numbers are the trace's, formatted.
import { columnMeans } from '../../core/train/histogram';
import { methodSpec } from '../../core/methods/methods';
import type { MethodId } from '../../core/train/config';
import type { StepTrace } from '../../core/train/step-trace';

export interface Stage {
  title: string;
  /** The formula or idea, briefly (HKD.md's notation). */
  text: string;
  /** The step's own numbers, as [what, value] rows. */
  numbers: [string, string][];
  /** The chart card this stage is about (its `chart-<id>`), highlighted meanwhile. */
  chart?: string;
}

const f = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(2)) : '—');
const perHint = (hints: string[], w: Float32Array) => {
  const m = columnMeans(w, hints.length);
  return hints.map((h, k) => [`mean over the batch, ${h}`, f(m[k])] as [string, string]);
};

/** Why stages 1–5 are empty on this step, in plain words. */
export function noMetaReason(method: MethodId, label: string, metaInterval: number): string {
  if (methodSpec(method).weighting !== 'meta') return `${label} has no meta-weight network: its hint weights are fixed, so there is no virtual step, meta loss, G or meta update. Only the actual step (stage 7) happens.`;
  return `No meta step on this step: the meta-weight network Θ is updated every ${metaInterval} steps (the meta interval). This step reuses the current Θ for the weights (stage 6) and takes the actual step (stage 7).`;
}

export function stagesOf(t: StepTrace, why: string): Stage[] {
  const m = t.meta;
  const B = t.batch.indices.length;
  const none = (title: string): Stage => ({ title, text: why, numbers: [] });
  return [
    m
      ? { title: '1. The raw weights v on this batch', chart: 'mix', text: `v = V_Θ(u): the meta-weight network gives each of the ${B} instances a weight per hint (1 means “as usual”), from their losses and the teacher’s confidence.`, numbers: perHint(t.hints, m.vBefore) }
      : none('1. The raw weights v on this batch'),
    m
      ? { title: '2. The virtual step ŵ', chart: 'loss', text: 'ŵ = w − α·∇L_train(w; v): a pretend SGD step of the student with these weights. Nothing is saved.', numbers: [['α (learning rate)', f(m.alpha)], ['‖ŵ − w‖', f(m.virtualStepNorm)]] }
      : none('2. The virtual step ŵ'),
    m
      ? { title: '3. The meta loss and its gradient d', chart: 'loss', text: `L_meta(ŵ) = mean cross-entropy of ŵ on a fresh meta batch of ${m.batch.indices.length} images; d = ∇_ŵ L_meta(ŵ).`, numbers: [['meta loss at w', f(m.metaLossAtW)], ['meta loss at ŵ', f(m.metaLoss)], ['‖d‖', f(m.dNorm)]] }
      : none('3. The meta loss and its gradient d'),
    m
      ? { title: '4. G for the batch’s instances', chart: 'scatter', text: 'G_ik = ⟨∇_w L_ik(w), d⟩: does lowering hint k’s loss on instance i also lower the meta loss? G > 0: the hint’s gradient agrees with the meta gradient, so the update pushes v_ik up; G < 0: it disagrees, v_ik is pushed down.', numbers: [] }
      : none('4. G for the batch’s instances'),
    m
      ? { title: '5. The meta update of Θ', text: 'Θ ← Θ − η·∇_Θ L_meta(ŵ(Θ)), with ∇_Θ L_meta = −(α/n) Σ_i Σ_k β_k·G_ik·∂v_ik/∂Θ.', numbers: [['‖∇_Θ L_meta‖', f(m.metaGradNorm)], ['‖ΔΘ‖', f(m.thetaStepNorm)], ...m.betas.map((b, k) => [`β, ${t.hints[k]}`, f(b)] as [string, string])] }
      : none('5. The meta update of Θ'),
    t.hints.length
      ? { title: '6. The new v and the ensembled ṽ', chart: 'mix', text: 'v = V_Θ(u) again with the new Θ; ṽ_i averages instance i’s past weights: M_i ← μ·M_i + (1−μ)·v_i, ṽ_i = M_i / (1 − μ^c_i).', numbers: [...perHint(t.hints, t.v).map(([a, b]) => [`v, ${a}`, b] as [string, string]), ...perHint(t.hints, t.vt).map(([a, b]) => [`ṽ, ${a}`, b] as [string, string])] }
      : { title: '6. The new v and the ensembled ṽ', text: 'This run uses no hints: the student learns from the labels alone, so there are no hint weights.', numbers: [] },
    {
      title: '7. The actual step', chart: 'loss',
      text: `The real step of (w, φ) on L_train(w, φ; ṽ) = γ·CE + Σ_k β_k·ṽ_k·L_k. The run goes from step ${t.step} to ${t.step + 1}.`,
      numbers: [['learning rate', f(t.actual.lr)], ...Object.entries(t.actual.terms).map(([k, v]) => [`loss, ${k}`, f(v)] as [string, string]), ['‖gradient‖', f(t.actual.gradNorm)]],
    },
  ];
}

/** The sign of G in words, for one instance and hint. */
export function gSign(g: number): string {
  return g > 0 ? 'agrees with the meta gradient → weight up' : g < 0 ? 'disagrees with the meta gradient → weight down' : 'no effect';
}

/**
 * The batch instances stage 4 shows: the `n` whose G is largest in size (over the hints), largest
 * first, since those are the ones whose weights the meta step moves most. Ties keep batch order.
 */
export function shownInstances(G: Float32Array, K: number, n: number): number[] {
  const B = K > 0 ? G.length / K : 0;
  const size = (i: number) => Math.max(...Array.from({ length: K }, (_, k) => Math.abs(G[i * K + k])));
  return Array.from({ length: B }, (_, i) => i).sort((a, b) => size(b) - size(a) || a - b).slice(0, n);
}
