// The HKD update explained step by step for learners (HKD.md §4): virtual step, meta step,
// actual step, and why a weight rises when G_ik > 0; then the same on a real step (StepThrough).
import { StepThrough } from './StepThrough';

export function HkdUpdate() {
  return (
    <section className="card explain-update" aria-labelledby="hkd-update-title">
      <h2 id="hkd-update-title">How one HKD step works</h2>
      <ol>
        <li>
          <strong>Virtual step.</strong> The meta-weight network looks at each instance’s current losses and gives every hint a weight
          v<sub>ik</sub> (between 0 and 2; 1 means “as usual”). The student takes a <em>pretend</em> SGD step with those weights:
          ŵ = w − α·∇L<sub>train</sub>(w; v). Nothing is saved yet.
        </li>
        <li>
          <strong>Meta step.</strong> The pretend student ŵ is tested on a fresh batch (the meta loss). The meta-weight network is nudged so
          that this meta loss would be lower: weights that helped go up, weights that hurt go down.
        </li>
        <li>
          <strong>Actual step.</strong> With the updated network, the weights are computed again, smoothed with each instance’s history
          (ensembling: ṽ is a running average of its past v), and the real student takes its step with ṽ.
        </li>
      </ol>
      <p>
        <strong>Why does a weight go up?</strong> For instance i and hint k, let G<sub>ik</sub> measure whether lowering that hint’s loss on
        that instance also lowers the meta loss (the two gradients point the same way). When G<sub>ik</sub> &gt; 0, following hint k on
        instance i helps the student on fresh data, so the meta-weight network raises v<sub>ik</sub>. When G<sub>ik</sub> &lt; 0 the hint is
        misleading for that instance (say, the teacher is confidently wrong), and its weight goes down.
      </p>
      <StepThrough />
    </section>
  );
}
