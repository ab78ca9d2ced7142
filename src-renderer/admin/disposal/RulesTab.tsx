// The retention rule of each attribute: years, and whether they run from 1月11日 of the year
// after leaving or from the leave / end date itself. Admins change them.
import { Button, Modal, NumberInput, Radio, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionRuleRow } from '../../../src-shared/contract';
import type { RetentionBasis } from '../../../src-shared/retention';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useAttributes } from '../registrants/lookups';
import { useSession } from '../session/session';

function RuleDialog({ rule, label, onClose, onSaved }: { rule: RetentionRuleRow | null; label: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const save = useVaultMutation('retention.setRule', { invalidates: ['retention', 'disposal'] });
  const [years, setYears] = useState<number | string>(rule?.years ?? 7);
  const [basis, setBasis] = useState<RetentionBasis>(rule?.basis ?? 'year_after');
  return (
    <Modal opened={rule !== null} onClose={onClose} title={t('disposalPage.rules.editTitle', { attribute: label })} centered lockScroll={false}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            if (!rule) return;
            await save.send({ attribute: rule.attribute, years: Number(years), basis });
            onSaved();
          });
        }}
      >
      <Stack gap="md">
        <NumberInput label={t('disposalPage.rules.years')} min={0} max={100} value={years} onChange={setYears} />
        <Radio.Group label={t('disposalPage.rules.basis')} value={basis} onChange={(v) => setBasis(v as RetentionBasis)}>
          <Stack gap="xs" mt="xs">
            <Radio value="year_after" label={t('disposalPage.rules.basisYearAfter')} />
            <Radio value="end_date" label={t('disposalPage.rules.basisEndDate')} />
          </Stack>
        </Radio.Group>
        <ErrorAlert message={action.error} />
        <FormActions submitLabel={t('disposalPage.rules.save')} busy={action.busy} onCancel={onClose} />
      </Stack>
      </form>
    </Modal>
  );
}

export function RulesTab() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { can } = useSession();
  const attributes = useAttributes();
  const query = useVaultQuery('retention.rules', {});
  const [editing, setEditing] = useState<RetentionRuleRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayEdit = can('retention.setRule');
  return (
    <Stack gap="md" maw={800}>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={query.error ? errorText(query.error) : null} />
      <Table striped aria-label={t('disposalPage.rules.tableLabel')} data-testid="rules-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('disposalPage.rules.columns.attribute')}</Table.Th>
            <Table.Th>{t('disposalPage.rules.columns.rule')}</Table.Th>
            {mayEdit && <Table.Th>{t('disposalPage.rules.columns.edit')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(query.data?.rows ?? []).map((r) => (
            <Table.Tr key={r.attribute}>
              <Table.Td>{attributes.labelOf(r.attribute)}</Table.Td>
              <Table.Td>
                {r.basis === 'year_after' ? t('disposalPage.rules.yearAfter', { years: r.years }) : t('disposalPage.rules.endDate', { years: r.years })}
                {!r.own && ` ${t('disposalPage.rules.inherited')}`}
              </Table.Td>
              {mayEdit && (
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setEditing(r)}>
                    {t('disposalPage.rules.edit')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fz="sm" c="dimmed">
        {t('disposalPage.rules.note')}
      </Text>
      {editing && (
        <RuleDialog
          key={editing.attribute}
          rule={editing}
          label={attributes.labelOf(editing.attribute)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t('disposalPage.rules.saved'));
          }}
        />
      )}
    </Stack>
  );
}
