import { useRef, type ReactNode } from 'react';
import { ChartExport } from '../export/ChartExport';
import { EXPLAIN } from '../explain/texts';

/** A chart with its title, options, export buttons and the plain-language explanation beside it. */
export function ChartCard(props: { id: string; title: string; explain: keyof typeof EXPLAIN; options?: ReactNode; children: ReactNode; wide?: boolean }) {
  const e = EXPLAIN[props.explain];
  const ref = useRef<HTMLElement>(null);
  return (
    <section ref={ref} className={`card chart-card${props.wide ? ' wide' : ''}`} aria-labelledby={`${props.id}-title`} data-testid={`chart-${props.id}`}>
      <div className="chart-head">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.options && <div className="chart-options">{props.options}</div>}
        {props.id !== 'gallery' && <ChartExport chartId={props.id} title={props.title} root={ref} />}
      </div>
      <div className="chart-body">
        <div className="chart-plot">{props.children}</div>
        <aside className="explain">
          <p><strong>What it shows.</strong> {e.shows}</p>
          <p><strong>What to look for.</strong> {e.lookFor}</p>
        </aside>
      </div>
    </section>
  );
}
