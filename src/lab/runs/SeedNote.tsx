// Beside any comparison of two single runs: one seed is one draw, so a gap between the runs may
// be noise. The reproduce view (runs repeated over seeds, with paired differences) says whether
// it is; the link goes to it when a result is open, else to where one is opened.
import { useReproduce } from '../reproduce/reproduce-store';

export function SeedNote() {
  const open = useReproduce((s) => s.result !== null);
  return (
    <p className="chart-note seed-note" data-testid="seed-note">
      One seed each: a gap may be noise.{' '}
      {open
        ? <a href="#reproduce-title">See the reproduce view (several seeds).</a>
        : <a href="#export-title" title="npm run reproduce trains each method over several seeds; open its results.json here">Check over seeds: open a reproduce result.</a>}
    </p>
  );
}
