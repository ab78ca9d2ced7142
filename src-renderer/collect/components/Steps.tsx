// Where the registrant is among the form's four steps.
import { useText, type TextKey } from '../i18n';

export const FORM_STEPS = ['number', 'documents', 'dependents', 'review'] as const;
export type FormStep = (typeof FORM_STEPS)[number];

export function Steps({ current }: { current: FormStep }) {
  const { text } = useText();
  const index = FORM_STEPS.indexOf(current);
  return (
    <ol className="steps" aria-label={text('steps.label')}>
      {FORM_STEPS.map((step, i) => (
        <li key={step} className={i < index ? 'steps__item steps__item--done' : i === index ? 'steps__item steps__item--current' : 'steps__item'} aria-current={i === index ? 'step' : undefined}>
          <span className="steps__number">{i + 1}</span>
          <span className="steps__name">{text(`steps.${step}` as TextKey)}</span>
        </li>
      ))}
    </ol>
  );
}
