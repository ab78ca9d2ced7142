// Create a login user, or edit one (name, e-mail, role, the groups a manager or viewer is
// limited to, second factor). Both need the
// password re-entered; the fields are checked against the contract (users.create / users.update)
// and the core's refusals (taken login ID, last admin…) are shown in the UI's language.
import { Alert, Modal, PasswordInput, Radio, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { contract, type UserDetail } from '../../../src-shared/contract';
import { ROLES, SECOND_FACTORS, type Role, type SecondFactor } from '../../../src-shared/domain';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { reachesEveryGroup } from '../groups/scope';
import { UserGroupsField } from '../groups/UserGroupsField';
import { PasswordStrength } from '../components/PasswordStrength';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation } from '../data/query';
import { contractResolver } from '../forms/contract-form';
import { strongPasswordRule } from '../forms/password-rules';
import { useSharedText } from '../messages';

interface Props {
  /** null: a new user. */
  user: UserDetail | null;
  reauth: Reauth;
  onClose: () => void;
  onSaved: (message: string) => void;
}

type Values = {
  loginId: string;
  displayName: string;
  email: string;
  role: Role;
  secondFactor: SecondFactor;
  initialPassword: string;
  groupIds: string[];
};

/** What an edit sends besides the id (the login ID and password are not changed here). */
const editFields = contract['users.update'].input.omit({ id: true });
const owner = ({ loginId, displayName, email }: Values) => ({ loginId, displayName, email });

export function UserFormModal({ user, reauth, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const text = useSharedText();
  const creating = user === null;
  const action = useAction();
  const create = useVaultMutation('users.create', { invalidates: ['users'] });
  const update = useVaultMutation('users.update', { invalidates: ['users'] });
  const form = useForm<Values>({
    initialValues: {
      loginId: user?.loginId ?? '',
      displayName: user?.displayName ?? '',
      email: user?.email ?? '',
      // A new user starts with the least privilege (ROLES runs from most to least).
      role: user?.role ?? ROLES[ROLES.length - 1]!,
      secondFactor: user?.secondFactor ?? 'totp',
      initialPassword: '',
      groupIds: user?.groupIds ?? [],
    },
    validate: creating
      ? contractResolver<Values>(contract['users.create'].input, strongPasswordRule<Values>(text, 'initialPassword', owner))
      : contractResolver<Values>(editFields),
  });

  const submit = form.onSubmit((values) => {
    const common = {
      displayName: values.displayName.trim(),
      email: values.email.trim(),
      role: values.role,
      secondFactor: values.secondFactor,
      // A role that reaches every group takes none (the core refuses them).
      ...(reachesEveryGroup(values.role) ? {} : { groupIds: values.groupIds }),
    };
    return action.run(async () => {
      const done = user
        ? await reauth.run(() => update.send({ id: user.id, ...common }))
        : await reauth.run(() => create.send({ loginId: values.loginId.trim(), initialPassword: values.initialPassword, ...common }));
      if (!done) return;
      onSaved(t(creating ? 'usersPage.form.created' : 'usersPage.form.updated', { name: common.displayName }));
    });
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
          <ErrorAlert message={action.error} />
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
          <UserGroupsField
            role={form.values.role}
            value={form.values.groupIds}
            onChange={(groupIds) => form.setFieldValue('groupIds', groupIds)}
            error={form.errors.groupIds}
          />
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
                <PasswordStrength password={form.values.initialPassword} owner={owner(form.values)} fieldError={!!form.errors.initialPassword} />
              </Stack>
              <Alert role="note" color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
                {t('usersPage.form.mustChangeNote')}
              </Alert>
            </>
          )}
          <FormActions
            submitLabel={t(creating ? 'usersPage.form.submitCreate' : 'usersPage.form.submitEdit')}
            busy={action.busy}
            onCancel={onClose}
            mt="xs"
          />
        </Stack>
      </form>
    </Modal>
  );
}
