// The My Number field: a numeric keyboard, nothing remembered by the browser, shown in groups
// of four as it is typed, and checked as it is typed: once the twelfth digit is in, a check
// digit that does not match is said at once; a short number is said when the field is left
// (or when the step's button is pressed: `showProblem`).
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { formatMyNumber } from '../../../src-shared/text';
import { useText } from '../i18n';
import { liveNumberProblem, numberProblem } from '../form-model';
import { reformatNumberInput } from '../number-input';
import { FieldProblem } from './Field';

export interface NumberFieldProps {
  label: string;
  digits: string;
  onDigits(digits: string): void;
  /** Blank is fine (a dependent's number). */
  optional?: boolean;
  optionalLabel?: string;
  /** Say what is wrong even before the field was left. */
  showProblem?: boolean;
  hint?: string;
  testId?: string;
}

export function NumberField({ label, digits, onDigits, optional = false, optionalLabel, showProblem = false, hint, testId }: NumberFieldProps) {
  const { text, shared } = useText();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const caret = useRef<number | null>(null);
  const [left, setLeft] = useState(false);

  // Puts the caret back after the same digit once the grouped text is on screen.
  useLayoutEffect(() => {
    if (caret.current === null || !input.current || document.activeElement !== input.current) return;
    input.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  });

  const blankAllowed = optional && digits === '';
  const problem = blankAllowed ? null : left || showProblem ? numberProblem(digits) : liveNumberProblem(digits);
  const valid = digits.length === 12 && !problem;
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : valid ? `${id}-valid` : ''].filter(Boolean).join(' ');

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
        ref={input}
        id={id}
        className="field__input field__input--number"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="next"
        placeholder="0000 0000 0000"
        value={formatMyNumber(digits)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described || undefined}
        data-testid={testId}
        onChange={(event) => {
          const next = reformatNumberInput(event.target.value, event.target.selectionStart ?? event.target.value.length);
          caret.current = next.caret;
          onDigits(next.digits);
        }}
        onFocus={() => setLeft(false)}
        onBlur={() => setLeft(true)}
      />
      {problem ? (
        <FieldProblem id={`${id}-problem`}>{shared(problem)}</FieldProblem>
      ) : valid ? (
        <p className="field__valid" id={`${id}-valid`}>
          {text('number.valid')}
        </p>
      ) : null}
    </div>
  );
}
