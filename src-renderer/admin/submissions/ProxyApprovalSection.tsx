// 代理入力の承認 (a section of the settings page): whether a proxy entry waits for a second
// user's approval — auto (when two or more admins/managers exist), always, or never — and
// what that means with the users there are now. Saving asks for the password again.
import { Alert, Button, Group, Radio, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { contract, PROXY_APPROVAL } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { StoredSettingsSection } from '../settings/StoredSettingsSection';

type ProxyApproval = (typeof PROXY_APPROVAL)[number];
type Values = { proxyApproval: ProxyApproval };
const configureInput = contract['submissions.configure'].input;

export function ProxyApprovalSection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const settings = useVaultQuery('submissions.getSettings', {});
  return (
    <StoredSettingsSection
      title={t('proxyApprovalSettings.title')}
      lead={t('proxyApprovalSettings.lead')}
      testId="proxy-approval-settings"
      stored={settings}
      savedText={t('proxyApprovalSettings.saved')}
    >
      {(stored, handlers) => <ProxyApprovalForm stored={stored.proxyApproval} reviewRequiredNow={stored.reviewRequiredNow} reauth={reauth} {...handlers} />}
    </StoredSettingsSection>
  );
}

interface FormProps {
  stored: ProxyApproval;
  reviewRequiredNow: boolean;
  reauth: Reauth;
  onSaved: () => void;
  onSubmitting: () => void;
}

function ProxyApprovalForm({ stored, reviewRequiredNow, reauth, onSaved, onSubmitting }: FormProps) {
  const { t } = useTranslation();
  const action = useAction();
  // getSettings is read again; the registrants screens ask it whether direct entry is allowed.
  const configure = useVaultMutation('submissions.configure', { invalidates: ['submissions'] });
  const form = useForm<Values>({ initialValues: { proxyApproval: stored }, validate: contractResolver<Values>(configureInput) });

  const submit = form.onSubmit((values) => {
    onSubmitting();
    return action.run(async () => {
      const done = await reauth.run(() => configure.send(values));
      if (done) onSaved();
    });
  });

  return (
    <>
      <ErrorAlert message={action.error} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Radio.Group label={t('proxyApprovalSettings.field')} {...form.getInputProps('proxyApproval')}>
            <Stack gap="sm" mt="xs">
              {PROXY_APPROVAL.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={t(`proxyApprovalSettings.options.${value}.label`)}
                  description={t(`proxyApprovalSettings.options.${value}.hint`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          {!form.isDirty() && (
            <Alert role="note" color="gray" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} data-testid="proxy-approval-now">
              {t(reviewRequiredNow ? 'proxyApprovalSettings.nowRequired' : 'proxyApprovalSettings.nowNotRequired')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={action.busy}>
              {t('adminCommon.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
