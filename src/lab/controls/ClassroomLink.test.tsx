// The classroom link builder writes the one link format (config/url-params.ts) and the lock shows
// a run setting read-only. (Ticking boxes is checked end to end in e2e/hide-controls.spec.ts.)
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setHidden, setLocked } from '../config/hidden';
import { parseParams } from '../config/url-params';
import { useLab } from '../store/lab-store';
import { ClassroomLink } from './ClassroomLink';
import { ColdPanel } from './ColdPanel';

const urlOf = (html: string) => {
  const input = html.match(/<input[^>]*data-testid="classroom-url"[^>]*>/)![0];
  return input.match(/value="([^"]*)"/)![1].replace(/&amp;/g, '&');
};

describe('ClassroomLink', () => {
  afterEach(() => {
    setHidden([]);
    setLocked([]);
  });

  it("starts from the page's hides and locks and writes a link the page reads back", () => {
    setHidden(['lr', 'play', 'data']);
    setLocked(['seed']);
    const link = urlOf(renderToStaticMarkup(<ClassroomLink />));
    const back = parseParams(link.slice(link.indexOf('?')));
    expect(back.errors).toEqual([]);
    expect([...back.hidden].sort()).toEqual(['data', 'lr', 'play']);
    expect([...back.locked]).toEqual(['seed']);
    expect(back.config.cold).toEqual(useLab.getState().config.cold);
  });

  it('renders no checkbox while closed, so its labels cannot shadow the real controls', () => {
    const html = renderToStaticMarkup(<ClassroomLink />);
    expect(html).not.toContain('type="checkbox"');
    expect(html).toContain('data-testid="copy-classroom-link"');
  });
});

describe('a locked run setting', () => {
  afterEach(() => setLocked([]));
  const panel = () => renderToStaticMarkup(<ColdPanel confirm={() => {}} />);

  it('is shown disabled (a select) or read-only (a number) with the lock note', () => {
    const open = panel();
    expect(open).not.toContain('Locked by the classroom link');
    setLocked(['method', 'seed']);
    const html = panel();
    expect(html).toMatch(/<select id="method" disabled=""/);
    expect(html).not.toMatch(/<select id="preset" disabled/);
    expect(html).toMatch(/<input[^>]*readOnly=""[^>]*data-testid="cold-seed"|<input[^>]*data-testid="cold-seed"[^>]*readOnly=""/);
    expect(html.split('Locked by the classroom link.').length - 1).toBe(2);
  });
});
