import { useRef, type ReactNode } from 'react';
import { isHidden } from '../config/hidden';
import { ChartExport } from '../export/ChartExport';
import { EXPLAIN } from '../explain/texts';

/**
 * The four key views: the dashboard's first screen and presenter mode (styles.css places them by
 * their `chart-<id>` class). Their explanations fold away so that the plots keep the room.
 */
export const KEY_VIEWS = ['loss', 'accuracy', 'mix', 'scatter'] as const;

/**
 * A chart with its title, options, export buttons and plain-language explanation. The plot is a
 * figure named by the title; `summary` (a visually hidden table or text) is what screen readers
 * get instead of the drawing.
 */
export function ChartCard(props: {
  id: string;
  title: string;
  explain: keyof typeof EXPLAIN;
  options?: ReactNode;
  summary?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  const e = EXPLAIN[props.explain];
  const ref = useRef<HTMLElement>(null);
  const key = (KEY_VIEWS as readonly string[]).includes(props.id);
  const titleId = `${props.id}-title`;
  // Key views fold their explanation behind a toggle in the head (it opens over the plot).
  const explanation = (
    <details className="explain" open={!key}>
      <summary>About<span className="sr-only"> this chart</span></summary>
      <div className="explain-body">
        <p><strong>What it shows.</strong> {e.shows}</p>
        <p><strong>What to look for.</strong> {e.lookFor}</p>
      </div>
    </details>
  );
  return (
    <section
      ref={ref}
      className={`card chart-card chart-${props.id}${props.wide ? ' wide' : ''}${key ? ' key-view' : ''}`}
      aria-labelledby={titleId}
      data-testid={`chart-${props.id}`}
    >
      <div className="chart-head">
        <h2 id={titleId}>{props.title}</h2>
        {key && explanation}
        {props.options && <div className="chart-options">{props.options}</div>}
        {!isHidden('chartExport') && <ChartExport chartId={props.id} title={props.title} root={ref} />}
      </div>
      <figure className="chart-plot" aria-labelledby={titleId}>
        {props.children}
        {props.summary && <figcaption className="sr-only">{props.summary}</figcaption>}
      </figure>
      {!key && explanation}
    </section>
  );
}
