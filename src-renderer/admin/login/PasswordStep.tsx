import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { unwrap } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import { createValidators } from '../validation';

export type LoginChallenge = ChannelOutput<'auth.login'> & { loginId: string };

interface Props {
  onChallenge: (challenge: LoginChallenge) => void;
  /** The lock screen: the login ID is shown and cannot be changed. */
  fixedLoginId?: string;
  submitLabel?: string;
  onForgot?: () => void;
}

export function PasswordStep({ onChallenge, fixedLoginId, submitLabel, onForgot }: Props) {
  const { t } = useTranslation();
  const v = createValidators(t);
  const action = useAction();
  const form = useForm({
    initialValues: { loginId: fixedLoginId ?? '', password: '' },
    validate: { loginId: v.required, password: v.required },
  });

  const submit = form.onSubmit(({ loginId, password }) => {
    const id = (fixedLoginId ?? loginId).trim();
    return action.run(
      async () => {
        const challenge = await unwrap(window.vault.auth.login({ loginId: id, password }));
        onChallenge({ ...challenge, loginId: id });
      },
      { onError: () => form.setFieldValue('password', '') },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert message={action.error} />
        <TextInput
          label={t('login.loginId')}
          autoComplete="username"
          required={!fixedLoginId}
          readOnly={!!fixedLoginId}
          variant={fixedLoginId ? 'filled' : 'default'}
          autoFocus={!fixedLoginId}
          {...form.getInputProps('loginId')}
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          required
          autoFocus={!!fixedLoginId}
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={action.busy} mt="xs">
          {submitLabel ?? t('login.submit')}
        </Button>
        {onForgot && (
          <Group justify="center">
            <Anchor component="button" type="button" fz="sm" onClick={onForgot}>
              {t('login.forgot')}
            </Anchor>
          </Group>
        )}
      </Stack>
    </form>
  );
}
