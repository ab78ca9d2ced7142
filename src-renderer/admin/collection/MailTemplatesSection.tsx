// メールのひな形: the invitation's and the reminder's subject and text, with the placeholders
// ({氏名} {URL} {期限} {会社名}) explained and insertable, and a preview filled in with sample
// values. Admins edit and save them (collection.setMailTemplates, after the password is entered
// again); the same rules as the core's are checked as one types (an unknown placeholder, a
// text without {URL}, {URL} in a subject). Others who send mails see the preview only.
import { Button, Code, Group, Paper, Stack, Tabs, Text, TextInput, Textarea, Tooltip, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAIL_KINDS,
  MAIL_PLACEHOLDERS,
  formatJapaneseDateTime,
  renderMail,
  templateFieldProblem,
  type MailKind,
  type MailTemplateField,
  type MailTemplates,
} from '../../../src-shared/collection-mail';
import { mailTemplatesInput, type ChannelOutput } from '../../../src-shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useSharedText } from '../messages';
import { useSession } from '../session/session';
import { StoredSettingsSection } from '../settings/StoredSettingsSection';
import { schemaErrors } from './schema-errors';

type Stored = ChannelOutput<'collection.getMailTemplates'>;

const DAY_MS = 24 * 60 * 60 * 1000;

export function MailTemplatesSection({ reauth }: { reauth: Reauth }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const stored = useVaultQuery('collection.getMailTemplates', {});
  const editable = can('collection.setMailTemplates');
  return (
    <StoredSettingsSection
      title={t('collectionMail.templates.title')}
      lead={editable ? t('collectionMail.templates.lead') : t('collectionMail.templates.readOnlyLead')}
      testId="mail-templates"
      stored={stored}
      savedText={t('collectionMail.templates.saved')}
    >
      {(value, handlers) => <TemplatesForm stored={value} editable={editable} reauth={reauth} {...handlers} />}
    </StoredSettingsSection>
  );
}

function usePreviewValues(stored: Stored) {
  const { t } = useTranslation();
  const { can } = useSession();
  const lan = useVaultQuery('lan.status', {}, { enabled: can('lan.status') });
  const base = lan.data?.urls[0];
  // Fixed at first render: the preview's expiry is "about now + the validity", not a clock.
  const [now] = useState(() => Date.now());
  return {
    氏名: t('collectionMail.templates.sampleName'),
    URL: base ? `${base}#${t('collectionMail.templates.sampleUrl').split('#')[1]}` : t('collectionMail.templates.sampleUrl'),
    期限: formatJapaneseDateTime(new Date(now + stored.linkValidDays * DAY_MS).toISOString()),
    会社名: stored.companyName || t('collectionMail.templates.sampleCompany'),
  };
}

interface FormProps {
  stored: Stored;
  editable: boolean;
  reauth: Reauth;
  onSubmitting: () => void;
  onSaved: () => void;
}

function TemplatesForm({ stored, editable, reauth, onSubmitting, onSaved }: FormProps) {
  const { t } = useTranslation();
  const shared = useSharedText();
  const action = useAction();
  const save = useVaultMutation('collection.setMailTemplates', { invalidates: ['collection'] });
  const [kind, setKind] = useState<MailKind>('invitation');
  const bodies = useRef<Partial<Record<MailKind, HTMLTextAreaElement | null>>>({});
  const values = usePreviewValues(stored);
  const form = useForm<MailTemplates>({
    initialValues: stored.templates,
    validateInputOnChange: true,
    validate: (v) => {
      const errors: Record<string, string> = schemaErrors(mailTemplatesInput, v);
      for (const field of Object.keys(v) as MailTemplateField[]) {
        const problem = errors[field] ? null : templateFieldProblem(field, v[field]);
        if (problem) errors[field] = shared(problem.key, problem.params);
      }
      return errors;
    },
  });

  const submit = form.onSubmit(
    (v) => {
      onSubmitting();
      return action.run(async () => {
        const done = await reauth.run(() => save.send(v));
        if (done) onSaved();
      });
    },
    // A problem on the other tab: show that tab, where its field says what is wrong.
    (errors) => {
      const first = Object.keys(errors)[0];
      if (first) setKind(first.startsWith('reminder') ? 'reminder' : 'invitation');
    },
  );

  /** Puts a placeholder where the cursor is in the body being edited. */
  const insert = (placeholder: string) => {
    const field = `${kind}Body` as const;
    const area = bodies.current[kind];
    const text = form.getValues()[field];
    const at = area ? area.selectionStart : text.length;
    const end = area ? area.selectionEnd : text.length;
    form.setFieldValue(field, `${text.slice(0, at)}{${placeholder}}${text.slice(end)}`);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + placeholder.length + 2, at + placeholder.length + 2);
    });
  };

  const preview = renderMail(form.getValues(), kind, values);

  return (
    <>
      <ErrorAlert message={action.error} />
      <form onSubmit={submit} noValidate data-mnv-transient={form.isDirty() ? undefined : true}>
        <Tabs value={kind} onChange={(v) => setKind(v === 'reminder' ? 'reminder' : 'invitation')} keepMounted={false}>
          <Tabs.List>
            {MAIL_KINDS.map((k) => (
              <Tabs.Tab key={k} value={k}>
                {t(`collectionMail.kinds.${k}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {MAIL_KINDS.map((k) => (
            <Tabs.Panel key={k} value={k} pt="md">
              <Stack gap="md">
                {editable && (
                  <>
                    <TextInput label={t('collectionMail.templates.subject')} required {...form.getInputProps(`${k}Subject`)} />
                    <Textarea
                      label={t('collectionMail.templates.body')}
                      required
                      autosize
                      minRows={8}
                      maxRows={20}
                      ref={(el) => void (bodies.current[k] = el)}
                      {...form.getInputProps(`${k}Body`)}
                    />
                    <Group gap="xs" align="center">
                      <Text fz="sm" fw={500}>
                        {t('collectionMail.templates.placeholders')}
                      </Text>
                      {MAIL_PLACEHOLDERS.map((p) => (
                        <Tooltip key={p} label={t(`collectionMail.templates.placeholderHelp.${p}`)} withArrow>
                          <UnstyledButton onClick={() => insert(p)} aria-label={t('collectionMail.templates.insert', { placeholder: `{${p}}` })}>
                            <Code>{`{${p}}`}</Code>
                          </UnstyledButton>
                        </Tooltip>
                      ))}
                    </Group>
                  </>
                )}
                <Paper withBorder radius="sm" p="md" bg="gray.0" data-testid="mail-preview" aria-label={t('collectionMail.templates.preview')} component="section">
                  <Stack gap="xs">
                    <Text fz="xs" c="dimmed">
                      {t('collectionMail.templates.preview')} — {t('collectionMail.templates.previewNote')}
                    </Text>
                    <Text fz="sm" fw={600} data-testid="mail-preview-subject">
                      {t('collectionMail.templates.previewSubject', { subject: preview.subject })}
                    </Text>
                    <Text fz="sm" className="mnv-mail-preview" data-testid="mail-preview-body">
                      {preview.text}
                    </Text>
                  </Stack>
                </Paper>
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
        {editable && (
          <Group justify="space-between" mt="md">
            <Button variant="subtle" onClick={() => form.setValues(stored.defaults)}>
              {t('collectionMail.templates.restoreDefaults')}
            </Button>
            <Button type="submit" loading={action.busy}>
              {t('adminCommon.save')}
            </Button>
          </Group>
        )}
      </form>
    </>
  );
}
