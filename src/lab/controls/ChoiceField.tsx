// A setting with a fixed set of values, as a select: options, label and help from the schema.
import { useId } from 'react';
import { controlLabel, type Setting } from '../../core/settings';

export function ChoiceField<T extends string>(props: {
  setting: Setting<T>;
  value: T | '';
  onChange: (v: T) => void;
  /** How an option reads (default: its id). */
  optionLabel?: (o: T) => string;
  /** Shown first when the value is none of the options (e.g. "(comparing)"). */
  placeholder?: string;
  hint?: string;
  id?: string;
  /** Why the value cannot be changed (shown in place of the help); the select is disabled then. */
  locked?: string;
}) {
  const auto = useId();
  const id = props.id ?? auto;
  const hint = props.locked ?? props.hint ?? props.setting.help;
  return (
    <div className="field">
      <label htmlFor={id}>{controlLabel(props.setting)}</label>
      <select id={id} value={props.value} disabled={props.locked !== undefined} aria-describedby={`${id}-hint`} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {(props.setting.options as readonly T[]).map((o) => <option key={o} value={o}>{props.optionLabel ? props.optionLabel(o) : o}</option>)}
      </select>
      <p id={`${id}-hint`} className="field-hint">{hint}</p>
    </div>
  );
}
