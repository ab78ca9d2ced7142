// A My Number typed in a form: checked as it is typed by the contract's own field (see
// number-check.ts). A problem shows at once when typing on cannot mend it, otherwise once
// the field is left (or the form is submitted, through `error`).
import { Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { checkNumber } from './number-check';

interface Props {
  label: string;
  description?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** The form's own error for the field (set when it is submitted). */
  error?: ReactNode;
  required?: boolean;
  testId?: string;
  /** Focused when its dialog opens. */
  autoFocus?: boolean;
}

export function MyNumberField({ label, description, value, onChange, error, required, testId, autoFocus }: Props) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(false);
  const check = checkNumber(value);
  const live = check.problem !== null && (left || check.final) ? check.problem : null;
  return (
    <TextInput
      label={label}
      description={description}
      className="mnv-mynumber-input"
      value={value}
      onChange={(event) => {
        onChange(event.currentTarget.value);
      }}
      onBlur={() => setLeft(true)}
      error={live ?? error}
      inputMode="numeric"
      autoComplete="off"
      autoCorrect="off"
      spellCheck={false}
      maxLength={20}
      required={required}
      data-testid={testId}
      data-autofocus={autoFocus || undefined}
      rightSection={
        <Text fz="xs" c="dimmed" pr="xs" aria-hidden>
          {t('proxyEntry.digitCount', { count: check.count })}
        </Text>
      }
      rightSectionWidth={104}
    />
  );
}
