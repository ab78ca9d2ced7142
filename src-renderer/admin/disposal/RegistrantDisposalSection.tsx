// In the registrant's drawer, for those who may dispose (admins): the registrant's or one
// dependent's data disposed of from here, through the same dialog as the due list.
import { Button, Group, Text } from '@mantine/core';
import { IconTrashX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DependentRow, RegistrantRow } from '../../../src-shared/contract';
import { fullName } from '../registrants/format';
import { DrawerSection } from '../registrants/DrawerSection';
import { useSession } from '../session/session';
import { DisposeDialog, type DisposalTarget } from './DisposeDialog';

interface Props {
  registrant: Pick<RegistrantRow, 'id' | 'familyName' | 'givenName'>;
  dependents: DependentRow[] | undefined;
  onDialogChange: (open: boolean) => void;
  /** After a disposal: the whole record gone (the drawer closes), or a message to show. */
  onDisposed: (goneRegistrant: boolean, message: string) => void;
}

export function RegistrantDisposalSection({ registrant, dependents, onDialogChange, onDisposed }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [target, setTarget] = useState<DisposalTarget | null>(null);
  if (!can('disposal.dispose')) return null;
  const open = (next: DisposalTarget) => {
    setTarget(next);
    onDialogChange(true);
  };
  const close = () => {
    setTarget(null);
    onDialogChange(false);
  };
  return (
    <DrawerSection icon={IconTrashX} title={t('disposalPage.title')} testId="disposal-section">
      <Group gap="sm">
        <Button color="red" variant="light" leftSection={<IconTrashX size={16} />} onClick={() => open({ subjects: [{ registrantId: registrant.id }], names: [fullName(registrant)] })}>
          {t('registrantDisposal.dispose')}
        </Button>
        {(dependents ?? []).map((d) => (
          <Button key={d.id} color="red" variant="subtle" size="xs" onClick={() => open({ subjects: [{ dependentId: d.id }], names: [fullName(d)] })}>
            {t('registrantDisposal.disposeDependent')}：{fullName(d)}
          </Button>
        ))}
      </Group>
      <Text fz="xs" c="dimmed" mt="xs">
        {t('disposalPage.dialog.irreversibleTitle')}
      </Text>
      <DisposeDialog
        target={target}
        onClose={close}
        onDone={(result) => {
          const whole = result.scope === 'whole_record' && target?.subjects.some((s) => 'registrantId' in s) === true;
          close();
          onDisposed(whole, t('disposalPage.dialog.done', { count: result.disposed }));
        }}
      />
    </DrawerSection>
  );
}
