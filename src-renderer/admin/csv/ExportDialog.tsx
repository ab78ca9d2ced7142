// The export dialog: which registrants (status, group, attribute; always within the caller's
// groups), the layout (built-in or saved), the encoding (CP932 by default), and My Numbers or
// not. With numbers: the purpose of use, the password re-entered (useReauth, as for viewing a
// number), and a password for the AES zip; a plain CSV only behind an explicit warning and a
// ticked confirmation. A character CP932 cannot hold stops the export: the places are listed
// and UTF-8 is offered. Choosing a payroll software's layout chooses its encoding too (UTF-8
// for freee) and says how far its layout is published. In the desktop app the file is written
// where the user chooses in the native save dialog, owner-only, and the page says where; in the
// browser harness it is handed over as a download.
import { Alert, Checkbox, Group, Modal, PasswordInput, Select, Stack, Switch, Text, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_ENCODINGS, CSV_EXPORT_PRESETS, CSV_PRESET_ENCODINGS, type ChannelInput, type CsvEncoding, type CsvExportPreset } from '../../../src-shared/contract';
import { REGISTRANT_STATUSES, type AttributeCode, type RegistrantStatus } from '../../../src-shared/domain';
import { call, VaultCallError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from '../components/FormActions';
import { useAction } from '../components/useAction';
import type { Reauth } from '../components/useReauth';
import { useVaultQuery } from '../data/query';
import { useErrorText } from '../messages';
import { useAttributes, useGroups } from '../registrants/lookups';
import { usePurposeLabel } from '../registrants/purpose-labels';
import { useSession } from '../session/session';
import { saveExport } from './files';

const ALL = '*';
const NO_GROUP = '-';
const ZIP_PASSWORD_MIN = 8;
/** The payroll software layouts, each with a note on how far its import format is published. */
const PAYROLL_VARIANTS = ['payroll-yayoi', 'payroll-freee', 'payroll-mf'] as const satisfies readonly CsvExportPreset[];
const isPayrollVariant = (value: string): value is (typeof PAYROLL_VARIANTS)[number] => (PAYROLL_VARIANTS as readonly string[]).includes(value);
const isBuiltinPreset = (value: string): value is CsvExportPreset => (CSV_EXPORT_PRESETS as readonly string[]).includes(value);

type ExportInput = ChannelInput<'csv.export'>;

interface Props {
  reauth: Reauth;
  onClose: () => void;
  onExported: (message: string) => void;
}

export function ExportDialog({ reauth, onClose, onExported }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { can } = useSession();
  const purposeLabel = usePurposeLabel();
  const groups = useGroups();
  const attributes = useAttributes();
  const presets = useVaultQuery('csv.listPresets', {});
  const mayIncludeNumbers = can('mynumber.reveal');
  const purposes = useVaultQuery('purposes.list', {}, { enabled: mayIncludeNumbers });
  const action = useAction();

  const [status, setStatus] = useState<string>(ALL);
  const [group, setGroup] = useState<string>(ALL);
  const [attribute, setAttribute] = useState<string>(ALL);
  const [preset, setPreset] = useState<string>('registrants');
  const [encoding, setEncoding] = useState<CsvEncoding>('cp932');
  const [withNumbers, setWithNumbers] = useState(false);
  const [purposeId, setPurposeId] = useState<string | null>(null);
  const [zipPassword, setZipPassword] = useState('');
  const [zipPasswordAgain, setZipPasswordAgain] = useState('');
  const [plainCsv, setPlainCsv] = useState(false);
  const [plainConfirmed, setPlainConfirmed] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** The message of an export stopped by characters CP932 cannot hold. */
  const [unencodable, setUnencodable] = useState<string | null>(null);
  /** The save dialog was cancelled, or the file could not be written there. */
  const [notSaved, setNotSaved] = useState<'cancelled' | 'failed' | null>(null);

  /** A field's message goes as soon as the field is changed. */
  const edited = (key: string) => setErrors(({ [key]: _gone, ...rest }) => rest);

  const presetHasNumbers = preset !== 'status';
  const numbers = withNumbers && presetHasNumbers;

  const choosePreset = (value: string | null) => {
    const next = value ?? 'registrants';
    setPreset(next);
    const saved = presets.data?.rows.find((p) => p.id === next);
    if (saved) setEncoding(saved.encoding);
    else if (isBuiltinPreset(next)) setEncoding(CSV_PRESET_ENCODINGS[next] ?? 'cp932');
  };

  function validate(): boolean {
    const found: Record<string, string> = {};
    if (numbers) {
      if (!purposeId) found.purposeId = t('csvExport.purposeRequired');
      if (!plainCsv) {
        if (zipPassword.length < ZIP_PASSWORD_MIN) found.zipPassword = t('csvExport.zipPasswordShort');
        else if (zipPassword !== zipPasswordAgain) found.zipPasswordAgain = t('csvExport.zipPasswordMismatch');
      } else if (!plainConfirmed) found.plainConfirmed = t('csvExport.plainConfirmRequired');
    }
    setErrors(found);
    return Object.keys(found).length === 0;
  }

  const run = (asEncoding: CsvEncoding) => {
    if (!validate()) return;
    setUnencodable(null);
    setNotSaved(null);
    const filter: NonNullable<ExportInput['filter']> = {};
    if (status !== ALL) filter.status = status as RegistrantStatus;
    if (group !== ALL) filter.groupId = group === NO_GROUP ? null : group;
    if (attribute !== ALL) filter.attribute = attribute as AttributeCode;
    const input: ExportInput = {
      preset,
      encoding: asEncoding,
      ...(Object.keys(filter).length > 0 && { filter }),
      ...(numbers && { includeMyNumber: true, purposeId: purposeId!, ...(plainCsv ? { plainCsv: true } : { zipPassword }) }),
    };
    void action.run(
      async () => {
        // A plain call: the file (perhaps with numbers) goes straight to the save dialog or the download, never a cache.
        const value = await reauth.run(() => call('csv.export', input));
        if (!value) return;
        const outcome = await saveExport(value.fileName, value.contentBase64, value.zipped);
        if (outcome.kind === 'cancelled' || outcome.kind === 'failed') setNotSaved(outcome.kind);
        else if (outcome.kind === 'saved') onExported(t('csvExport.doneSaved', { count: value.rowCount, path: outcome.path }));
        else onExported(t('csvExport.doneDownload', { count: value.rowCount, fileName: value.fileName }));
      },
      {
        onError: (err) => {
          if (err instanceof VaultCallError && err.detail.messageKey === 'errors.csv.unencodable') setUnencodable(errorText(err));
        },
      },
    );
  };

  const savedRows = presets.data?.rows ?? [];
  return (
    <Modal opened onClose={onClose} title={t('csvExport.title')} size="lg" lockScroll={false} centered {...reauth.modalProps}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          run(encoding);
        }}
        data-testid="csv-export-form"
      >
        <Stack gap="md">
          <Text fw={600} fz="sm">
            {t('csvExport.filterTitle')}
          </Text>
          <Group grow gap="sm" align="flex-start">
            <Select
              label={t('csvExport.status')}
              data={[{ value: ALL, label: t('csvExport.statusAll') }, ...REGISTRANT_STATUSES.map((s) => ({ value: s, label: t(`registrants.statuses.${s}`) }))]}
              value={status}
              onChange={(v) => setStatus(v ?? ALL)}
              allowDeselect={false}
            />
            <Select
              label={t('csvExport.group')}
              data={[{ value: ALL, label: t('csvExport.groupAll') }, ...groups.rows.map((g) => ({ value: g.id, label: g.name })), { value: NO_GROUP, label: t('registrants.noGroup') }]}
              value={group}
              onChange={(v) => setGroup(v ?? ALL)}
              allowDeselect={false}
            />
            <Select
              label={t('csvExport.attribute')}
              data={[{ value: ALL, label: t('csvExport.attributeAll') }, ...attributes.rows.map((a) => ({ value: a.code, label: attributes.labelOf(a.code) }))]}
              value={attribute}
              onChange={(v) => setAttribute(v ?? ALL)}
              allowDeselect={false}
            />
          </Group>
          <Group grow gap="sm" align="flex-start">
            <Select
              label={t('csvExport.preset')}
              data={[
                { group: t('csvExport.presetsBuiltin'), items: CSV_EXPORT_PRESETS.map((p) => ({ value: p, label: t(`csvExport.presets.${p}`) })) },
                ...(savedRows.length > 0 ? [{ group: t('csvExport.presetsSaved'), items: savedRows.map((p) => ({ value: p.id, label: p.name })) }] : []),
              ]}
              value={preset}
              onChange={choosePreset}
              allowDeselect={false}
              maxDropdownHeight={360}
              data-testid="csv-export-preset"
            />
            <Select
              label={t('csvExport.encoding')}
              data={CSV_ENCODINGS.map((e) => ({ value: e, label: t(`csvEncodings.${e}`) }))}
              value={encoding}
              onChange={(v) => setEncoding((v as CsvEncoding | null) ?? 'cp932')}
              allowDeselect={false}
              data-testid="csv-export-encoding"
            />
          </Group>
          <Text fz="xs" c="dimmed" mt={-8}>
            {t('csvExport.encodingHint')}
          </Text>
          {isPayrollVariant(preset) && (
            <Alert color="blue" variant="light" p="xs" data-testid="csv-export-preset-note">
              <Text fz="xs">{t(`csvExport.presetNotes.${preset}`)}</Text>
            </Alert>
          )}

          {mayIncludeNumbers && (
            <Stack gap="sm">
              <Switch
                label={t('csvExport.includeNumbers')}
                description={presetHasNumbers ? t('csvExport.includeNumbersHint') : t('csvExport.noNumbersInPreset')}
                checked={numbers}
                disabled={!presetHasNumbers}
                onChange={(e) => setWithNumbers(e.currentTarget.checked)}
                data-testid="csv-export-numbers"
              />
              {numbers && (
                <Stack gap="sm" pl="xl">
                  <Select
                    label={t('csvExport.purpose')}
                    placeholder={t('csvExport.purposePlaceholder')}
                    data={(purposes.data?.rows ?? []).map((p) => ({ value: p.id, label: purposeLabel(p) }))}
                    value={purposeId}
                    onChange={(value) => {
                      setPurposeId(value);
                      edited('purposeId');
                    }}
                    error={errors.purposeId}
                    allowDeselect={false}
                    required
                    data-testid="csv-export-purpose"
                  />
                  {!plainCsv && (
                    <Group grow gap="sm" align="flex-start">
                      <PasswordInput
                        label={t('csvExport.zipPassword')}
                        value={zipPassword}
                        onChange={(e) => {
                          setZipPassword(e.currentTarget.value);
                          edited('zipPassword');
                        }}
                        error={errors.zipPassword}
                        autoComplete="new-password"
                        required
                      />
                      <PasswordInput
                        label={t('csvExport.zipPasswordConfirm')}
                        value={zipPasswordAgain}
                        onChange={(e) => {
                          setZipPasswordAgain(e.currentTarget.value);
                          edited('zipPasswordAgain');
                        }}
                        error={errors.zipPasswordAgain}
                        autoComplete="new-password"
                        required
                      />
                    </Group>
                  )}
                  {!plainCsv && (
                    <Text fz="xs" c="dimmed" mt={-8}>
                      {t('csvExport.zipPasswordHint')}
                    </Text>
                  )}
                  <Checkbox label={t('csvExport.plainCsv')} checked={plainCsv} onChange={(e) => setPlainCsv(e.currentTarget.checked)} data-testid="csv-export-plain" />
                  {plainCsv && (
                    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('csvExport.plainWarningTitle')} data-testid="csv-export-plain-warning">
                      <Stack gap="xs">
                        <Text fz="sm">{t('csvExport.plainWarning')}</Text>
                        <Checkbox
                          label={t('csvExport.plainConfirm')}
                          checked={plainConfirmed}
                          onChange={(e) => {
                            setPlainConfirmed(e.currentTarget.checked);
                            edited('plainConfirmed');
                          }}
                          error={errors.plainConfirmed}
                          color="red"
                        />
                      </Stack>
                    </Alert>
                  )}
                </Stack>
              )}
            </Stack>
          )}

          {notSaved && (
            <Alert color={notSaved === 'failed' ? 'red' : 'gray'} variant="light" data-testid="csv-export-not-saved">
              <Text fz="sm">{t(notSaved === 'failed' ? 'csvExport.saveFailed' : 'csvExport.saveCancelled')}</Text>
            </Alert>
          )}
          {unencodable ? (
            <Alert role="alert" color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('csvExport.unencodableTitle')} data-testid="csv-export-unencodable">
              <Stack gap="xs" align="flex-start">
                <Text fz="sm">{unencodable}</Text>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => {
                    setEncoding('utf8bom');
                    run('utf8bom');
                  }}
                >
                  {t('csvExport.useUtf8')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            <ErrorAlert message={action.error} />
          )}
          <FormActions submitLabel={t('csvExport.submit')} busy={action.busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
