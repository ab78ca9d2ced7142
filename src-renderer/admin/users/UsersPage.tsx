// ユーザー管理 (admins only): the list of login users; add, edit, reset a password, unlock,
// disable and enable. Changes ask for the password again (パスワード再入力).
import { Button, Center, Group, Loader, Paper, Stack } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDetail } from '../../../src-shared/contract';
import { errorMessage, unwrap } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { PageHeader } from '../components/PageHeader';
import { useAction } from '../components/useAction';
import { useReauth } from '../components/useReauth';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { UserTable, type UserAction } from './UserTable';

type Dialog = { kind: 'create' } | { kind: UserAction; user: UserDetail } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const reauth = useReauth();
  const [rows, setRows] = useState<UserDetail[] | null>(null);
  const [currentUserId, setCurrentUserId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The disable/enable dialog shows its own progress: only the error is used.
  const toggle = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const load = useCallback(async () => {
    try {
      const [{ rows: list }, me] = await Promise.all([unwrap(window.vault.users.list({})), unwrap(window.vault.auth.me({}))]);
      setRows(list);
      setCurrentUserId(me.user?.id ?? null);
      setLoadError(null);
    } catch (err) {
      setLoadError(errorMessage(err, t('common.unexpectedError')));
    }
  }, [t]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the initial fetch
    void load();
  }, [load]);

  const close = () => {
    setDialog(null);
    toggle.setError(null);
  };

  const saved = (message: string) => {
    close();
    setNotice(message);
    void load();
  };

  const onAction = (action: UserAction, user: UserDetail) => {
    setNotice(null);
    if (action === 'unlock') void unlock(user);
    else setDialog({ kind: action, user });
  };

  const unlock = async (user: UserDetail) => {
    try {
      const done = await reauth.run(() => window.vault.users.unlock({ id: user.id }));
      if (done) saved(t('usersPage.unlocked', { name: user.displayName }));
    } catch (err) {
      setLoadError(errorMessage(err, t('common.unexpectedError')));
    }
  };

  const setDisabled = async (user: UserDetail, disabled: boolean) => {
    await toggle.run(async () => {
      const done = await reauth.run(() => window.vault.users.setDisabled({ id: user.id, disabled }));
      if (done) saved(t(disabled ? 'usersPage.disable.done' : 'usersPage.enable.done', { name: user.displayName }));
    });
  };

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <PageHeader title={t('usersPage.title')} lead={t('usersPage.lead')} />
        <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDialog({ kind: 'create' })} disabled={!rows}>
          {t('usersPage.add')}
        </Button>
      </Group>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={loadError} />
      <Paper withBorder radius="md" p="md">
        {rows ? (
          <UserTable rows={rows} currentUserId={currentUserId} onAction={onAction} />
        ) : (
          !loadError && (
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
