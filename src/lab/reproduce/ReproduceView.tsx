// What `npm run reproduce` found, opened from its results.json: the table, then the test accuracy
// and the training loss per method as mean curves with ±sd bands over seeds.
import { useEffect, useMemo, useRef } from 'react';
import { lossOf, methodCurves, testAccOf } from '../../core/reproduce/curves';
import { BandChart } from './BandChart';
import { ReproduceTable } from './ReproduceTable';
import { closeReproduce, useReproduce } from './reproduce-store';

const pct = (y: number) => `${(y * 100).toFixed(1)}%`;

export function ReproduceView() {
  const { result, file } = useReproduce();
  const curves = useMemo(
    () => result && { acc: methodCurves(result.runs, result.methods, testAccOf), loss: methodCurves(result.runs, result.methods, lossOf) },
    [result],
  );
  const title = useRef<HTMLHeadingElement>(null);
  // The view opens below the live charts: bring it into sight and put the focus on its title.
  useEffect(() => {
    if (!result) return;
    title.current?.scrollIntoView({ block: 'start' });
    title.current?.focus({ preventScroll: true });
  }, [result]);
  if (!result || !curves) return null;
  return (
    <>
      <section className="card reproduce" aria-labelledby="reproduce-title" data-testid="reproduce-view">
        <div className="chart-head">
          <h2 id="reproduce-title" ref={title} tabIndex={-1}>Reproduce results: {result.methods.length} methods × {result.seeds.length} seeds</h2>
          <button type="button" onClick={closeReproduce} data-testid="reproduce-close">Close</button>
        </div>
        <ReproduceTable r={result} file={file} />
      </section>
      <BandChart id="reproduce-acc" title="Reproduce: test accuracy over seeds" explain="reproduceAcc" curves={curves.acc} format={pct} percent />
      <BandChart id="reproduce-loss" title="Reproduce: training loss over seeds" explain="reproduceLoss" curves={curves.loss} format={(y) => y.toPrecision(3)} />
    </>
  );
}
