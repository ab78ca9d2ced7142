// A date field in Japanese order: typed as 西暦 or 和暦 (1985/4/1, S60.4.1, 昭和60年4月1日 …,
// read by the same parser the core and the CSV import use) or picked from a calendar; the
// value is always YYYY-MM-DD, and the 和暦 reading is shown beside it.
import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { formatWareki, parseDate } from '../../../src-shared/dates';

interface Props extends Omit<DateInputProps, 'value' | 'onChange' | 'dateParser' | 'valueFormat'> {
  /** YYYY-MM-DD, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  /** Show the 和暦 reading in place of the description (off where fields sit in one row, as filters do). */
  showWareki?: boolean;
}

export function DateField({ value, onChange, description, showWareki = true, ...rest }: Props) {
  const { i18n } = useTranslation();
  const wareki = showWareki && value && i18n.resolvedLanguage !== 'en' ? formatWareki(value) : null;
  return (
    <DateInput
      {...rest}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      valueFormat="YYYY-MM-DD"
      dateParser={(typed) => {
        const parsed = parseDate(typed);
        return parsed.ok ? parsed.iso : null;
      }}
      clearable
      description={wareki ?? description}
    />
  );
}
