// The dependents (扶養親族) of the registrant in the drawer: each with its number state, and
// adding one for those who may (not while the completed record is locked: the core refuses
// it). Editing, showing and storing a dependent's number happen on its own row.
import { Badge, Button, Stack, Text } from '@mantine/core';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DependentRow } from '../../../src-shared/contract';
import { Notice } from '../components/Notice';
import type { Reauth } from '../components/useReauth';
import { useSession } from '../session/session';
import { DependentFormModal } from './DependentFormModal';
import { DependentItem } from './DependentItem';
import { DrawerSection } from './DrawerSection';
import { useNumberEntry } from './number-entry';

interface Props {
  registrantId: string;
  /** dependents.list's rows; undefined while they load. */
  rows: DependentRow[] | undefined;
  locked: boolean;
  reauth: Reauth;
  onDialogChange: (open: boolean) => void;
}

export function DependentsSection({ registrantId, rows, locked, reauth, onDialogChange }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const entry = useNumberEntry();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const mayAdd = can('dependents.create');

  const setAddingOpen = (open: boolean) => {
    setAdding(open);
    onDialogChange(open);
  };

  return (
    <DrawerSection
      icon={IconUsers}
      title={t('registrants.dependents.title')}
      testId="dependents-section"
      aside={
        rows && rows.length > 0 ? (
          <Badge variant="light" color="gray" tt="none" fw={500} data-testid="dependents-count">
            {t('registrants.dependents.count', { count: rows.length })}
          </Badge>
        ) : undefined
      }
    >
      <Notice message={notice} onClose={() => setNotice(null)} />
      {rows && rows.length === 0 && (
        <Stack gap={2}>
          <Text fz="sm">{t('registrants.dependents.empty')}</Text>
          {mayAdd && !locked && (
            <Text fz="xs" c="dimmed">
              {t('registrants.dependents.emptyHint')}
            </Text>
          )}
        </Stack>
      )}
      {rows && rows.length > 0 && (
        <Stack gap={0} component="ul" className="mnv-dependent-list" aria-label={t('registrants.dependents.listLabel')}>
          {rows.map((row) => (
            <DependentItem key={row.id} dependent={row} locked={locked} reauth={reauth} onDialogChange={onDialogChange} onNotice={setNotice} />
          ))}
        </Stack>
      )}
      {entry.reviewRequired && entry.proxy && !locked && rows && rows.length > 0 && (
        <Text fz="xs" c="dimmed" data-testid="dependents-via-proxy">
          {t('registrants.dependents.viaProxy')}
        </Text>
      )}
      {mayAdd &&
        (locked ? (
          <Text fz="xs" c="dimmed" data-testid="dependents-locked">
            {t('registrants.dependents.lockedHint')}
          </Text>
        ) : (
          <div>
            <Button
              variant="default"
              size="sm"
              leftSection={<IconUserPlus size={16} />}
              onClick={() => {
                setNotice(null);
                setAddingOpen(true);
              }}
            >
              {t('registrants.dependents.add')}
            </Button>
          </div>
        ))}

      {adding && (
        <DependentFormModal
          registrantId={registrantId}
          dependent={null}
          locked={false}
          reauth={reauth}
          onClose={() => setAddingOpen(false)}
          onSaved={(message) => {
            setAddingOpen(false);
            setNotice(message);
          }}
        />
      )}
    </DrawerSection>
  );
}
