// What an attribute is called in the UI's language: a built-in one by the UI's own
// translation (registrants.attributes.<code>), one an admin added by its label as typed.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTE_CODES, type AttributeCode, type BuiltinAttributeCode } from '../../../src-shared/domain';

export function isBuiltinAttribute(code: AttributeCode): code is BuiltinAttributeCode {
  return (ATTRIBUTE_CODES as readonly string[]).includes(code);
}

/** `(attribute) => label`; `label` is the core's (Japanese) one, used for added attributes. */
export function useAttributeLabel(): (attribute: { code: AttributeCode; label: string }) => string {
  const { t } = useTranslation();
  return useCallback((attribute) => (isBuiltinAttribute(attribute.code) ? t(`registrants.attributes.${attribute.code}`) : attribute.label), [t]);
}
