// A numeric setting: typed text is checked against the core schema on Enter or blur; a refused
// value shows its message and is never sent. The field follows the confirmed value otherwise.
import { useEffect, useId, useState } from 'react';
import type { NumberRule } from '../../core/train/validate';
import { checkInput, parseInput } from './parse-input';

export function NumberField(props: {
  label: string;
  rule: NumberRule;
  value: number;
  onCommit: (v: number) => string[] | void;
  hint?: string;
  testId?: string;
  /** The change waits for a confirmation (a reset): until then the field shows the run's value. */
  asks?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(String(props.value));
    setError(null);
  }, [props.value]);
  const commit = () => {
    if (text.trim() === String(props.value)) {
      setError(null);
      return;
    }
    const e = checkInput(props.rule, text);
    if (e) {
      setError(e);
      return;
    }
    const problems = props.onCommit(parseInput(text) as number);
    setError(problems && problems.length ? problems.join('; ') : null);
    if (props.asks && !(problems && problems.length)) setText(String(props.value));
  };
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        data-testid={props.testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : props.hint ? `${id}-hint` : undefined}
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
      {error ? <p id={`${id}-err`} className="field-error" role="alert">{error}</p> : props.hint ? <p id={`${id}-hint`} className="field-hint">{props.hint}</p> : null}
    </div>
  );
}
