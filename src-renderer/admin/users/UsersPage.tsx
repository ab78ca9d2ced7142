// ユーザー管理 (for those who may call users.list): the list of login users; add, edit,
// reset a password, unlock, disable and enable. Changes ask for the password again
// (パスワード再入力) and refresh the list (they invalidate 'users').
import { Button, Center, Group, Loader, Paper, Stack } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDetail } from '../../../src-shared/contract';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { useAction } from '../components/useAction';
import { useReauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useSession } from '../session/session';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { UserTable, type UserAction } from './UserTable';

type Dialog = { kind: 'create' } | { kind: UserAction; user: UserDetail } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { user: me, can } = useSession();
  const reauth = useReauth();
  const users = useVaultQuery('users.list', {});
  const unlockUser = useVaultMutation('users.unlock', { invalidates: ['users'] });
  const setDisabledUser = useVaultMutation('users.setDisabled', { invalidates: ['users'] });
  // Unlocking runs from the row menu; its failure shows above the list.
  const unlocking = useAction();
  // The disable/enable dialog shows its own progress: only the error is used.
  const toggle = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const close = () => {
    setDialog(null);
    toggle.setError(null);
  };

  const saved = (message: string) => {
    close();
    setNotice(message);
  };

  const onAction = (action: UserAction, user: UserDetail) => {
    setNotice(null);
    if (action === 'unlock') void unlock(user);
    else setDialog({ kind: action, user });
  };

  const unlock = (user: UserDetail) =>
    unlocking.run(async () => {
      const done = await reauth.run(() => unlockUser.send({ id: user.id }));
      if (done) saved(t('usersPage.unlocked', { name: user.displayName }));
    });

  const setDisabled = async (user: UserDetail, disabled: boolean) => {
    await toggle.run(async () => {
      const done = await reauth.run(() => setDisabledUser.send({ id: user.id, disabled }));
      if (done) saved(t(disabled ? 'usersPage.disable.done' : 'usersPage.enable.done', { name: user.displayName }));
    });
  };

  const rows = users.data?.rows;
  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <PageHeader title={t('usersPage.title')} lead={t('usersPage.lead')} />
        {can('users.create') && (
          <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDialog({ kind: 'create' })} disabled={!rows}>
            {t('usersPage.add')}
          </Button>
        )}
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={users.error ? errorText(users.error) : unlocking.error} />
      <Paper withBorder radius="md" p="md">
        {rows ? (
          <UserTable rows={rows} currentUserId={me.id} onAction={onAction} />
        ) : (
          !users.error && (
            <Center p="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          )
        )}
      </Paper>

      {dialog?.kind === 'create' && <UserFormModal user={null} reauth={reauth} onClose={close} onSaved={saved} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} reauth={reauth} onClose={close} onSaved={saved} />}
      {dialog?.kind === 'resetPassword' && <ResetPasswordModal user={dialog.user} reauth={reauth} onClose={close} onSaved={saved} />}
      {(dialog?.kind === 'disable' || dialog?.kind === 'enable') && (
        <ConfirmDialog
          opened
          title={t(`usersPage.${dialog.kind}.title`)}
          confirmLabel={t(`usersPage.${dialog.kind}.submit`)}
          color={dialog.kind === 'disable' ? 'red' : undefined}
          error={toggle.error}
          modalProps={reauth.modalProps}
          onConfirm={() => setDisabled(dialog.user, dialog.kind === 'disable')}
          onClose={close}
        >
          {t(`usersPage.${dialog.kind}.lead`, { name: dialog.user.displayName })}
        </ConfirmDialog>
      )}
      {reauth.dialog}
    </Stack>
  );
}
