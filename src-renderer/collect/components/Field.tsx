// A labelled text field with its hint and its problem, tied together for screen readers.
import type { InputHTMLAttributes, ReactNode } from 'react';
import { useId } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> {
  label: string;
  hint?: ReactNode;
  problem?: string | null;
  optionalLabel?: string;
  onValue(value: string): void;
}

export function Field({ label, hint, problem, optionalLabel, onValue, ...input }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {optionalLabel && <span className="field__optional">{optionalLabel}</span>}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        className="field__input"
        aria-invalid={problem ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(event) => onValue(event.target.value)}
        {...input}
      />
      {problem && <FieldProblem id={`${id}-problem`}>{problem}</FieldProblem>}
    </div>
  );
}

export function FieldProblem({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p className="field__problem" id={id} role="alert">
      {children}
    </p>
  );
}
