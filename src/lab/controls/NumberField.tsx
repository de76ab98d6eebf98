// A numeric setting: typed text is read through the settings schema on Enter or blur; a refused
// value shows its message and is never sent. The field follows the confirmed value otherwise.
import { useEffect, useId, useState } from 'react';
import { controlLabel, type NumberRule, type Setting } from '../../core/settings';
import { readNumber } from './parse-input';

export function NumberField(props: {
  /** A setting of the schema (label, help and checks come from it), or a plain rule with a label. */
  setting?: Setting<number>;
  rule?: NumberRule;
  label?: string;
  value: number;
  onCommit: (v: number) => string[] | void;
  hint?: string;
  testId?: string;
  /** The change waits for a confirmation (a reset): until then the field shows the run's value. */
  asks?: boolean;
  /** Why the value cannot be changed now (shown in place of the help); the field is read-only then. */
  locked?: string;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [error, setError] = useState<string | null>(null);
  const source = props.setting ?? props.rule!;
  const label = props.label ?? (props.setting ? controlLabel(props.setting) : props.rule!.label);
  const hint = props.locked ?? props.hint ?? props.setting?.help;
  useEffect(() => {
    setText(String(props.value));
    setError(null);
  }, [props.value]);
  const commit = () => {
    if (text.trim() === String(props.value)) {
      setError(null);
      return;
    }
    const r = readNumber(source, text);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    const problems = props.onCommit(r.value);
    setError(problems && problems.length ? problems.join('; ') : null);
    if (props.asks && !(problems && problems.length)) setText(String(props.value));
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        data-testid={props.testId}
        readOnly={props.locked !== undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : hint ? `${id}-hint` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault(); // the keystroke must not reach a dialog that the commit opens
            commit();
          }
          if (e.key === 'Escape') {
            setText(String(props.value));
            setError(null);
          }
        }}
      />
      {error ? <p id={`${id}-err`} className="field-error" role="alert">{error}</p> : hint ? <p id={`${id}-hint`} className="field-hint">{hint}</p> : null}
    </div>
  );
}
