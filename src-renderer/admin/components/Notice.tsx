// A calm success message at the top of a page, dismissible.
import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function Notice({ message, onClose }: { message: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert
      role="status"
      color="teal"
      variant="light"
      icon={<IconCircleCheck size={18} aria-hidden />}
      withCloseButton
      closeButtonLabel={t('adminCommon.close')}
      onClose={onClose}
      data-testid="notice"
    >
      {message}
    </Alert>
  );
}
