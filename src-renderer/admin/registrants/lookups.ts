// The names behind the codes and ids a registrant row carries: its attributes (the built-in
// ones in the UI's language, an admin-added one by its own label) and its group (店舗・支店).
// Read once per session page with attributes.list and groups.list, and again after an admin
// changes them (their mutations invalidate 'attributes' and 'groups').
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttributeRow, GroupRow } from '../../../src-shared/contract';
import { ATTRIBUTE_CODES, type AttributeCode, type BuiltinAttributeCode } from '../../../src-shared/domain';
import { useVaultQuery } from '../data/query';

function isBuiltin(code: string): code is BuiltinAttributeCode {
  return (ATTRIBUTE_CODES as readonly string[]).includes(code);
}

export interface Attributes {
  /** Every attribute in display order, retired ones included (empty until read). */
  rows: AttributeRow[];
  /** Its label in the UI's language (a built-in by translation, an added one by its label). */
  labelOf: (code: AttributeCode) => string;
  /** The codes in display order (unknown ones last, as they came). */
  ordered: (codes: readonly AttributeCode[]) => AttributeCode[];
  /** What a form may offer: the attributes not retired, and retired ones the row already has. */
  offered: (current: readonly AttributeCode[]) => AttributeRow[];
  loaded: boolean;
}

export function useAttributes(): Attributes {
  const { t } = useTranslation();
  const query = useVaultQuery('attributes.list', {});
  const rows = useMemo(() => query.data?.rows ?? [], [query.data]);
  const labelOf = useCallback(
    (code: AttributeCode): string => {
      if (isBuiltin(code)) return t(`registrants.attributes.${code}`);
      return rows.find((row) => row.code === code)?.label ?? code;
    },
    [rows, t],
  );
  const ordered = useCallback(
    (codes: readonly AttributeCode[]): AttributeCode[] => {
      const order = rows.length > 0 ? rows.map((row) => row.code) : [...ATTRIBUTE_CODES];
      const known = order.filter((code) => codes.includes(code));
      return [...known, ...codes.filter((code) => !order.includes(code))];
    },
    [rows],
  );
  const offered = useCallback((current: readonly AttributeCode[]) => rows.filter((row) => !row.retired || current.includes(row.code)), [rows]);
  return { rows, labelOf, ordered, offered, loaded: query.data !== undefined };
}

export interface Groups {
  /** The groups the caller reaches, in display order (empty until read). */
  rows: GroupRow[];
  /** The group's name; null for none, or for one the caller does not reach. */
  nameOf: (groupId: string | null) => string | null;
  loaded: boolean;
}

export function useGroups(): Groups {
  const query = useVaultQuery('groups.list', {});
  const rows = useMemo(() => query.data?.rows ?? [], [query.data]);
  const nameOf = useCallback((groupId: string | null) => (groupId === null ? null : (rows.find((row) => row.id === groupId)?.name ?? null)), [rows]);
  return { rows, nameOf, loaded: query.data !== undefined };
}
