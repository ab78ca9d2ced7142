// The audit labels of the UI's language.
import { useTranslation } from 'react-i18next';
import { enAuditLabels } from './en';
import { jaAuditLabels } from './ja';
import type { AuditLabels } from './types';

export type { AuditChainProblem, AuditLabels, OtherChannel } from './types';

export function useAuditLabels(): AuditLabels {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'en' ? enAuditLabels : jaAuditLabels;
}
