import type { ReactNode } from 'react';
import { EXPLAIN } from '../explain/texts';

/** A chart with its title, options and the plain-language explanation beside it. */
export function ChartCard(props: { id: string; title: string; explain: keyof typeof EXPLAIN; options?: ReactNode; children: ReactNode; wide?: boolean }) {
  const e = EXPLAIN[props.explain];
  return (
    <section className={`card chart-card${props.wide ? ' wide' : ''}`} aria-labelledby={`${props.id}-title`} data-testid={`chart-${props.id}`}>
      <div className="chart-head">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.options && <div className="chart-options">{props.options}</div>}
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
