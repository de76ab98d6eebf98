// The top bar honours the `<name>_hide` registry (config/hidden.ts): a hidden item is not rendered.
// (Server rendering reads the store's initial state, before the worker reports a backend; the
// backend reason's toggle is checked end to end in e2e/shell.spec.ts.)
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setHidden } from '../config/hidden';
import { TopBar } from './TopBar';

const bar = () => renderToStaticMarkup(<TopBar confirm={() => {}} onHelp={() => {}} onPresenter={() => {}} />);

describe('TopBar', () => {
  afterEach(() => setHidden([]));
  it('shows play, step and reset by default', () => {
    const html = bar();
    for (const id of ['play', 'step-once', 'reset', 'step', 'presenter', 'open-primer']) expect(html).toContain(`data-testid="${id}"`);
  });
  it('renders nothing for hidden items, and keeps the rest', () => {
    setHidden(['play', 'step', 'reset']);
    const html = bar();
    for (const id of ['play', 'step-once', 'reset']) expect(html).not.toContain(`data-testid="${id}"`);
    for (const id of ['step', 'run-state', 'presenter']) expect(html).toContain(`data-testid="${id}"`);
  });
});
