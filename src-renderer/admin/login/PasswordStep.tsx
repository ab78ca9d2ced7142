// The first step of a login: login ID and password. A refusal (wrong password, locked out,
// temporary password expired) shows the core's message in the UI's language.
import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { contract, type ChannelOutput } from '../../../src-shared/contract';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import { contractResolver } from '../forms/contract-form';

export type LoginChallenge = ChannelOutput<'auth.login'> & {
  loginId: string;
  /** Set once the e-mail code was accepted and an authenticator is being enrolled. */
  enrolAfterEmailCode?: boolean;
};

interface Props {
  onChallenge: (challenge: LoginChallenge) => void;
  /** The lock screen: the login ID is shown and cannot be changed. */
  fixedLoginId?: string;
  submitLabel?: string;
  onForgot?: () => void;
}

export function PasswordStep({ onChallenge, fixedLoginId, submitLabel, onForgot }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const form = useForm({
    initialValues: { loginId: fixedLoginId ?? '', password: '' },
    validate: contractResolver(contract['auth.login'].input),
  });

  const submit = form.onSubmit(({ loginId, password }) => {
    const id = (fixedLoginId ?? loginId).trim();
    return action.run(
      async () => {
        const challenge = await call('auth.login', { loginId: id, password });
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
