// Create a login user, or edit one (name, e-mail, role, second factor). Both need the
// password re-entered; the core's refusals (taken login ID, last admin…) are shown as they are.
import { Alert, Button, Group, Modal, PasswordInput, Radio, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDetail } from '../../../src-shared/contract';
import { ROLES, SECOND_FACTORS, type Role, type SecondFactor } from '../../../src-shared/domain';
import { errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordStrength } from '../components/PasswordStrength';
import type { Reauth } from '../components/useReauth';
import { createValidators } from '../validation';

interface Props {
  /** null: a new user. */
  user: UserDetail | null;
  reauth: Reauth;
  onClose: () => void;
  onSaved: (message: string) => void;
}

interface Values {
  loginId: string;
  displayName: string;
  email: string;
  role: Role;
  secondFactor: SecondFactor;
  initialPassword: string;
}

export function UserFormModal({ user, reauth, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const creating = user === null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      loginId: user?.loginId ?? '',
      displayName: user?.displayName ?? '',
      email: user?.email ?? '',
      role: user?.role ?? 'manager',
      secondFactor: user?.secondFactor ?? 'totp',
      initialPassword: '',
    },
    validate: {
      loginId: creating ? v.loginId : undefined,
      displayName: v.required,
      email: v.email,
      initialPassword: creating ? v.newPassword : undefined,
    },
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    const common = {
      displayName: values.displayName.trim(),
      email: values.email.trim(),
      role: values.role,
      secondFactor: values.secondFactor,
    };
    try {
      const done = user
        ? await reauth.run(() => window.vault.users.update({ id: user.id, ...common }))
        : await reauth.run(() => window.vault.users.create({ loginId: values.loginId.trim(), initialPassword: values.initialPassword, ...common }));
      if (!done) return;
      onSaved(t(creating ? 'usersPage.form.created' : 'usersPage.form.updated', { name: common.displayName }));
    } catch (err) {
      setError(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(false);
    }
  });

  const factorChanged = !creating && form.values.secondFactor !== user.secondFactor;

  return (
    <Modal
      opened
      onClose={onClose}
      title={t(creating ? 'usersPage.form.createTitle' : 'usersPage.form.editTitle')}
      size="lg"
      lockScroll={false}
      {...reauth.modalProps}
    >
      <form onSubmit={submit} noValidate data-testid="user-form">
        <Stack gap="md">
          <ErrorAlert message={error} />
          {creating ? (
            <TextInput
              label={t('usersPage.form.loginId')}
              description={t('usersPage.form.loginIdHint')}
              autoComplete="off"
              required
              data-autofocus
              {...form.getInputProps('loginId')}
            />
          ) : (
            <TextInput label={t('usersPage.form.loginId')} value={user.loginId} readOnly variant="filled" />
          )}
          <TextInput
            label={t('usersPage.form.displayName')}
            placeholder={t('usersPage.form.displayNamePlaceholder')}
            autoComplete="off"
            required
            {...form.getInputProps('displayName')}
          />
          <TextInput
            label={t('usersPage.form.email')}
            description={t('usersPage.form.emailHint')}
            type="email"
            autoComplete="off"
            required
            {...form.getInputProps('email')}
          />
          <Radio.Group label={t('usersPage.form.role')} required {...form.getInputProps('role')}>
            <Stack gap="xs" mt={6}>
              {ROLES.map((role) => (
                <Radio key={role} value={role} label={t(`roles.${role}`)} description={t(`usersPage.form.roleHints.${role}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group label={t('usersPage.form.factor')} required {...form.getInputProps('secondFactor')}>
            <Stack gap="xs" mt={6}>
              {SECOND_FACTORS.map((factor) => (
                <Radio key={factor} value={factor} label={t(`factors.${factor}`)} description={t(`usersPage.form.factorHints.${factor}`)} />
              ))}
            </Stack>
          </Radio.Group>
          {factorChanged && (
            <Alert role="note" color="orange" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
              {t('usersPage.form.factorChangeNote')}
            </Alert>
          )}
          {creating && (
            <>
              <Stack gap={6}>
                <PasswordInput
                  label={t('usersPage.form.initialPassword')}
                  description={t('usersPage.form.initialPasswordHint')}
                  autoComplete="new-password"
                  required
                  {...form.getInputProps('initialPassword')}
                />
                <PasswordStrength
                  password={form.values.initialPassword}
                  owner={{ loginId: form.values.loginId, displayName: form.values.displayName, email: form.values.email }}
                />
              </Stack>
              <Alert role="note" color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
                {t('usersPage.form.mustChangeNote')}
              </Alert>
            </>
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('adminCommon.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t(creating ? 'usersPage.form.submitCreate' : 'usersPage.form.submitEdit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
