// The classroom link builder: a teacher ticks what students must not see or change and copies the
// link. The checkboxes come from the one list of hideable names (config/hideable.ts) and the link
// from the one writer (config/url-params.ts), so what it writes is what the page reads.
import { useState } from 'react';
import { hiddenControls, lockedControls } from '../config/hidden';
import { HIDE_GROUPS, LOCKABLE } from '../config/hideable';
import { toParams } from '../config/url-params';
import { useLab } from '../store/lab-store';
import { useCopy } from './ShareLink';

const LOCK_LABELS: Record<(typeof LOCKABLE)[number], string> = { method: 'Method', preset: 'Teacher/student pair', seed: 'Seed' };

function toggled(set: ReadonlySet<string>, name: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(name);
  else next.delete(name);
  return next;
}

export function ClassroomLink() {
  const config = useLab((s) => s.applied ?? s.config);
  const hot = useLab((s) => s.hot);
  // Starts from what this page hides and locks, so a teacher can refine a link they opened.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set(hiddenControls()));
  const [locked, setLocked] = useState<ReadonlySet<string>>(() => new Set(lockedControls()));
  // The checkboxes exist only while the list is open: closed, their labels cannot shadow the
  // page's own controls for anyone (or any test) looking a control up by its label.
  const [open, setOpen] = useState(false);
  const { state, copy } = useCopy();
  // (globalThis: a server-side render in a unit test has no location.)
  const here = globalThis.location;
  const link = `${here ? here.origin + here.pathname : ''}?${toParams({ ...config, hot: hot ?? config.hot }, { hidden, locked })}`;

  return (
    <section className="card panel classroom-link" aria-labelledby="classroom-title" data-testid="classroom-link">
      <h2 id="classroom-title">Classroom link</h2>
      <p className="panel-note">A link to this experiment that hides or locks what you choose.</p>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Choose what students see</summary>
        {open && (
          <>
            <fieldset>
              <legend>Lock (shown, read-only)</legend>
              {LOCKABLE.map((n) => (
                <label key={n} className="check">
                  <input type="checkbox" checked={locked.has(n)} data-testid={`lock-${n}`} onChange={(e) => setLocked(toggled(locked, n, e.target.checked))} />
                  {`Lock: ${LOCK_LABELS[n]}`}
                </label>
              ))}
            </fieldset>
            {HIDE_GROUPS.map((g) => (
              <fieldset key={g.title}>
                <legend>{`Hide: ${g.title.toLowerCase()}`}</legend>
                {g.names.map(({ name, label }) => (
                  <label key={name} className="check">
                    <input type="checkbox" checked={hidden.has(name)} data-testid={`hide-${name}`} onChange={(e) => setHidden(toggled(hidden, name, e.target.checked))} />
                    {`Hide: ${label}`}
                  </label>
                ))}
              </fieldset>
            ))}
          </>
        )}
      </details>
      <label className="field">
        The link
        <input type="text" readOnly value={link} data-testid="classroom-url" onFocus={(e) => e.target.select()} />
      </label>
      <button type="button" onClick={() => void copy(link)} data-testid="copy-classroom-link">
        {state === 'copied' ? 'Classroom link copied' : 'Copy classroom link'}
      </button>
      {state === 'manual' && <p className="field-hint" role="status">The clipboard is not available here: select the link above and copy it.</p>}
    </section>
  );
}
