// The purposes of use come from the core with their Japanese (legal) wording. In English the
// built-in ones are shown translated; a purpose added later shows its own label.
import { useTranslation } from 'react-i18next';

const ENGLISH: Readonly<Record<string, string>> = {
  withholding_slip: 'Withholding tax slips for salary and retirement income',
  dependent_declaration: 'Declarations for dependants and insurance premium deductions',
  social_insurance: 'Health insurance and employees’ pension filings',
  employment_insurance: 'Employment insurance filings',
  category3_notification: 'National pension category 3 insured notifications',
  fee_payment_record: 'Payment records for fees and remuneration',
  real_estate_record: 'Payment records for real-estate rents',
  dividend_record: 'Payment records for dividends and distributions',
};

/** The label of a purpose in the current language. */
export function usePurposeLabel(): (purpose: { id: string; label: string }) => string {
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === 'en';
  return (purpose) => (english ? (ENGLISH[purpose.id] ?? purpose.label) : purpose.label);
}
