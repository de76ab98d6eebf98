// Chart cards: a figure named by the title with its screen-reader summary; exports can be hidden;
// the hint-mix card follows the configured method before the worker is ready.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setHidden } from '../config/hidden';
import { useLab } from '../store/lab-store';
import { ChartCard } from './ChartCard';
import { HintMixChart } from './HintMixChart';

describe('ChartCard', () => {
  afterEach(() => setHidden([]));
  it('names its figure by the title and carries the summary as a caption', () => {
    const html = renderToStaticMarkup(
      <ChartCard id="loss" title="Loss terms" explain="loss" summary={<p>CE 1.2</p>}><div>plot</div></ChartCard>,
    );
    expect(html).toMatch(/<h2 id="loss-title">Loss terms<\/h2>/);
    expect(html).toMatch(/<figure class="chart-plot" aria-labelledby="loss-title">/);
    expect(html).toMatch(/<figcaption class="sr-only"><p>CE 1.2<\/p><\/figcaption>/);
    expect(html).toContain('aria-label="Export Loss terms"');
  });
  it('leaves out the export buttons when chartExport is hidden', () => {
    setHidden(['chartExport']);
    const html = renderToStaticMarkup(<ChartCard id="loss" title="Loss terms" explain="loss"><div /></ChartCard>);
    expect(html).not.toContain('Export Loss terms');
  });
});

describe('HintMixChart before the worker is ready', () => {
  // Server rendering reads the store's initial state: the default HKD configuration, no runs yet.
  it('expects hints for HKD instead of saying the method has none', () => {
    expect(useLab.getInitialState().runs).toHaveLength(0);
    expect(useLab.getInitialState().config.cold.method).toBe('hkd');
    const html = renderToStaticMarkup(<HintMixChart />);
    expect(html).not.toContain('uses no hints');
    expect(html).toContain('appear once the lab has loaded');
  });
});
