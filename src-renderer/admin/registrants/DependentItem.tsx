// One dependent in the drawer: relationship, name and reading, birth date, the 税扶養 and
// 第3号被保険者 flags, and whether their My Number is held. Those who may: edit them, show the
// number (purpose and password re-entry, as for the registrant's own) and register or correct
// it directly when the setting allows it and the record is not locked. A shown number hides
// itself after 60 seconds, on 隠す, or when the drawer closes (this row unmounts).
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconEye, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DependentRow } from '../../../src-shared/contract';
import type { Reauth } from '../components/useReauth';
import { useSession } from '../session/session';
import { DependentFormModal } from './DependentFormModal';
import { fullKana, fullName, useRegistrantFormat } from './format';
import { useAfterReveal, useNumberEntry } from './number-entry';
import { MyNumberBadge } from './RegistrantBadges';
import { RevealDialog } from './RevealDialog';
import { RevealedNumber, useRevealedNumber } from './RevealedNumber';
import { SetMyNumberModal } from './SetMyNumberModal';

type Dialog = 'edit' | 'reveal' | 'set' | null;

interface Props {
  dependent: DependentRow;
  locked: boolean;
  reauth: Reauth;
  onDialogChange: (open: boolean) => void;
  onNotice: (message: string | null) => void;
}

export function DependentItem({ dependent, locked, reauth, onDialogChange, onNotice }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const format = useRegistrantFormat();
  const entry = useNumberEntry();
  const afterReveal = useAfterReveal();
  const { revealed, show, hide } = useRevealedNumber();
  const [dialog, setDialogState] = useState<Dialog>(null);
  const name = fullName(dependent);
  const mayReveal = can('mynumber.reveal') && dependent.hasMyNumber;
  const maySet = entry.direct && !locked;
  const mayEdit = can('dependents.update');

  const setDialog = (next: Dialog) => {
    if (next) onNotice(null);
    setDialogState(next);
    onDialogChange(next !== null);
  };

  return (
    <li className="mnv-dependent" data-dependent-id={dependent.id} data-testid="dependent">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" align="center">
            <Badge variant="light" color="ai" tt="none" fw={500} miw={56} data-relationship={dependent.relationship}>
              {t(`registrants.relationships.${dependent.relationship}`)}
            </Badge>
            <div>
              <Text fz="xs" c="dimmed" lh={1.3}>
                {fullKana(dependent)}
              </Text>
              <Text fz="sm" fw={600} lh={1.4} data-testid="dependent-name">
                {name}
              </Text>
            </div>
          </Group>
          <MyNumberBadge held={dependent.hasMyNumber} />
        </Group>

        <Group gap={6} wrap="wrap">
          <Text fz="xs" c="dimmed">
            {dependent.birthDate ? t('registrants.dependents.born', { date: format.day(dependent.birthDate) }) : t('registrants.dependents.noBirthDate')}
          </Text>
          {dependent.taxDependent && (
            <Badge size="sm" variant="outline" color="gray" tt="none" fw={500} data-flag="taxDependent">
              {t('registrants.dependents.flags.taxDependent')}
            </Badge>
          )}
          {dependent.category3 && (
            <Badge size="sm" variant="outline" color="gray" tt="none" fw={500} data-flag="category3">
              {t('registrants.dependents.flags.category3')}
            </Badge>
          )}
        </Group>

        {revealed ? (
          <RevealedNumber revealed={revealed} onHide={hide} compact />
        ) : (
          (mayReveal || maySet || mayEdit) && (
            <Group gap="xs">
              {mayReveal && (
                <Button size="compact-sm" variant="light" leftSection={<IconEye size={14} />} aria-label={t('registrants.dependents.revealOf', { name })} onClick={() => setDialog('reveal')}>
                  {t('registrants.dependents.reveal')}
                </Button>
              )}
              {maySet && (
                <Button
                  size="compact-sm"
                  variant={dependent.hasMyNumber ? 'subtle' : 'light'}
                  aria-label={t(dependent.hasMyNumber ? 'registrants.dependents.correctOf' : 'registrants.dependents.registerOf', { name })}
                  onClick={() => setDialog('set')}
                >
                  {t(dependent.hasMyNumber ? 'registrants.dependents.correct' : 'registrants.dependents.register')}
                </Button>
              )}
              {mayEdit && (
                <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} aria-label={t('registrants.dependents.editOf', { name })} onClick={() => setDialog('edit')}>
                  {t('registrants.dependents.edit')}
                </Button>
              )}
            </Group>
          )
        )}
      </Stack>

      {dialog === 'edit' && (
        <DependentFormModal
          registrantId={dependent.registrantId}
          dependent={dependent}
          locked={locked}
          reauth={reauth}
          onClose={() => setDialog(null)}
          onSaved={(message) => {
            setDialog(null);
            onNotice(message);
          }}
        />
      )}
      {dialog === 'reveal' && (
        <RevealDialog
          subject={{ dependentId: dependent.id }}
          name={name}
          reauth={reauth}
          onClose={() => setDialog(null)}
          onRevealed={(myNumber, purpose) => {
            setDialog(null);
            show(myNumber, purpose.label);
            afterReveal();
          }}
        />
      )}
      {dialog === 'set' && (
        <SetMyNumberModal
          subject={{ dependentId: dependent.id }}
          name={name}
          correcting={dependent.hasMyNumber}
          reauth={reauth}
          onClose={() => setDialog(null)}
          onSaved={(message) => {
            setDialog(null);
            onNotice(message);
          }}
        />
      )}
    </li>
  );
}
