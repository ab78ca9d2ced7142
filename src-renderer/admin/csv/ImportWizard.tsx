// The import wizard: choose what the file holds (registrants, or their dependents keyed by
// 社員番号 plus 続柄 and name) and a file (dropped or picked; read as base64) → the encoding the core
// detected and which field each header fills (recognised headers chosen already; a registrants'
// mapping can be saved by name and picked again for the next file) → the preview with every problem
// by row and column and the unknown groups to confirm creating → the commit, as a job whose
// progress the shell reports (an indeterminate bar where it reports none; cancel where the
// shell offers it) → the summary. The core's preview and commit decide everything: a file
// with any problem imports nothing.
import { Alert, Button, Checkbox, Group, Paper, Progress, SegmentedControl, Select, SimpleGrid, Stack, Stepper, Table, Text, TextInput, FileButton } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CSV_DEPENDENT_FIELDS,
  CSV_IMPORT_KINDS,
  CSV_MAX_BYTES,
  CSV_REGISTRANT_FIELDS,
  csvDependentFieldOfHeader,
  csvFieldOfHeader,
  type ChannelOutput,
  type CsvImportField,
  type CsvImportKind,
} from '../../../src-shared/contract';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import { useVaultMutation, useVaultQuery } from '../data/query';
import { useSession } from '../session/session';
import { headerAndSample, readAsBase64 } from './files';
import { cancelJob, watchJob, type JobProgress } from './jobs';
import { ProblemTable } from './ProblemTable';

type Preview = ChannelOutput<'csv.importPreview'>;
type Committed = ChannelOutput<'csv.importCommit'>;
type Mapping = Record<string, CsvImportField | 'ignore' | null>;

/** The fields a file of each kind may fill, and how its headers are recognised. */
const FIELDS_OF: Record<CsvImportKind, readonly CsvImportField[]> = { registrants: CSV_REGISTRANT_FIELDS, dependents: CSV_DEPENDENT_FIELDS };
const FIELD_OF_HEADER: Record<CsvImportKind, (header: string) => CsvImportField | null> = { registrants: csvFieldOfHeader, dependents: csvDependentFieldOfHeader };

const STEP = { file: 0, columns: 1, preview: 2, commit: 3, summary: 4 } as const;
const NO_MAPPING = '';

interface ChosenFile {
  name: string;
  base64: string;
}

/** A cell that reads as a My Number (12 digits, perhaps spaced): never shown, even here. */
const LOOKS_LIKE_NUMBER = /^[\s\-0-9０-９]*$/;
function sampleText(cell: string, field: CsvImportField | 'ignore' | null): string {
  const digits = cell.replace(/[^0-9０-９]/g, '').length;
  if (field === 'myNumber' || (digits >= 12 && LOOKS_LIKE_NUMBER.test(cell))) return cell.trim() === '' ? '' : '••••••••••••';
  return cell;
}

/** The mapping as csv.importPreview takes it: only the headers given a field or ignored. */
function columnsOf(mapping: Mapping): Record<string, CsvImportField | 'ignore'> {
  return Object.fromEntries(Object.entries(mapping).filter((e): e is [string, CsvImportField | 'ignore'] => e[1] !== null));
}

export function ImportWizard() {
  const { t } = useTranslation();
  const { can } = useSession();
  const client = useQueryClient();
  const action = useAction();
  const mappings = useVaultQuery('csv.listMappings', {});
  const saveMapping = useVaultMutation('csv.saveMapping', { invalidates: ['csv'] });

  const [step, setStep] = useState<number>(STEP.file);
  const [kind, setKind] = useState<CsvImportKind>('registrants');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [savedMappingId, setSavedMappingId] = useState<string>(NO_MAPPING);
  const [preview, setPreview] = useState<Preview | null>(null);
  /** The columns the preview shown was made with (JSON), to know when to ask again. */
  const [previewedWith, setPreviewedWith] = useState('');
  const [headers, setHeaders] = useState<{ headers: string[]; sample: string[] }>({ headers: [], sample: [] });
  const [mapping, setMapping] = useState<Mapping>({});
  const [saveAs, setSaveAs] = useState<{ on: boolean; name: string; error: string | null }>({ on: false, name: '', error: null });
  const [createGroups, setCreateGroups] = useState<string[]>([]);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [result, setResult] = useState<Committed | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const resetFile = useRef<() => void>(null);

  // Saved mappings are registrants' layouts: a dependents file is mapped each time.
  const savedColumns: Record<string, CsvImportField | 'ignore'> = (kind === 'registrants' && mappings.data?.rows.find((m) => m.id === savedMappingId)?.columns) || {};

  async function runPreview(chosen: ChosenFile, columns: Record<string, CsvImportField | 'ignore'>, groups: string[]) {
    const value = await call('csv.importPreview', {
      fileName: chosen.name,
      contentBase64: chosen.base64,
      kind,
      ...(Object.keys(columns).length > 0 && { columns }),
      ...(groups.length > 0 && { createGroups: groups }),
    });
    setPreview(value);
    setPreviewedWith(JSON.stringify(columns));
    return value;
  }

  const choose = (picked: File | null) => {
    resetFile.current?.();
    if (!picked) return;
    setNotice(null);
    if (!/\.(csv|txt)$/i.test(picked.name)) return action.setError(t('csvImport.file.notCsv'));
    if (picked.size > CSV_MAX_BYTES) return action.setError(t('csvImport.file.tooLarge'));
    void action.run(async () => {
      const chosen = { name: picked.name, base64: await readAsBase64(picked) };
      const value = await runPreview(chosen, savedColumns, []);
      const read = headerAndSample(chosen.base64, value.encoding);
      setFile(chosen);
      setHeaders(read);
      const initial: Mapping = Object.fromEntries(read.headers.filter((h) => h !== '').map((h) => [h, savedColumns[h] ?? FIELD_OF_HEADER[kind](h)]));
      setMapping(initial);
      // The headers recognised by themselves read the same with or without the mapping sent.
      setPreviewedWith(JSON.stringify(columnsOf(initial)));
      setCreateGroups([]);
      setSaveAs({ on: false, name: '', error: null });
      setStep(STEP.columns);
    });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0] ?? null);
  };

  const toPreview = () => {
    if (!file) return;
    const name = saveAs.name.trim();
    if (saveAs.on && name === '') return setSaveAs({ ...saveAs, error: t('csvImport.columns.saveNameRequired') });
    const columns = columnsOf(mapping);
    void action.run(async () => {
      if (saveAs.on && kind === 'registrants') {
        const { id } = await saveMapping.send({ name, columns: columns as Parameters<typeof saveMapping.send>[0]['columns'] });
        setSavedMappingId(id);
        setSaveAs({ on: false, name: '', error: null });
        setNotice(t('csvImport.columns.saved', { name }));
      }
      if (JSON.stringify(columns) !== previewedWith || createGroups.length > 0) await runPreview(file, columns, createGroups);
      setStep(STEP.preview);
    });
  };

  const confirmGroups = () => {
    if (!file) return;
    void action.run(() => runPreview(file, columnsOf(mapping), createGroups));
  };

  const commit = () => {
    if (!preview) return;
    const id = crypto.randomUUID();
    setJobId(id);
    setProgress(null);
    setCancelling(false);
    setStep(STEP.commit);
    const stop = watchJob(id, setProgress);
    void action
      .run(async () => {
        const value = await call('csv.importCommit', { previewId: preview.previewId, jobId: id });
        setResult(value);
        setStep(STEP.summary);
        await client.invalidateQueries({ queryKey: ['registrants'] });
        await client.invalidateQueries({ queryKey: ['dependents'] });
        await client.invalidateQueries({ queryKey: ['groups'] });
        return value;
      })
      .then((value) => {
        // Refused or cancelled: nothing changed, and the preview is gone; start from the file.
        if (!value) {
          setPreview(null);
          setStep(STEP.file);
        }
      })
      .finally(() => {
        stop?.();
        setJobId(null);
      });
  };

  const cancel = () => {
    if (!jobId) return;
    setCancelling(true);
    void cancelJob(jobId);
  };

  const startAgain = () => {
    setStep(STEP.file);
    setFile(null);
    setPreview(null);
    setResult(null);
    setNotice(null);
    action.setError(null);
  };

  const fieldOptions = [
    { value: 'ignore', label: t('csvFields.ignore') },
    ...FIELDS_OF[kind].map((f) => ({ value: f, label: t(`csvFields.${f}`) })),
  ];
  const mayCreateGroups = can('groups.create');

  return (
    <Stack gap="md" data-testid="csv-import">
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('csvImport.steps.file')} />
        <Stepper.Step label={t('csvImport.steps.columns')} />
        <Stepper.Step label={t('csvImport.steps.preview')} />
        <Stepper.Step label={t('csvImport.steps.commit')} />
        <Stepper.Step label={t('csvImport.steps.summary')} />
      </Stepper>
      <Notice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert message={action.error} />

      {step === STEP.file && (
        <Stack gap="md">
          <Stack gap={4}>
            <Text fz="sm" fw={500} id="csv-import-kind-label">
              {t('csvImport.file.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="csv-import-kind-label"
              data={CSV_IMPORT_KINDS.map((k) => ({ value: k, label: t(`csvImport.file.kinds.${k}`) }))}
              value={kind}
              onChange={(value) => setKind(value as CsvImportKind)}
              w={320}
              data-testid="csv-import-kind"
            />
            <Text fz="sm" c="dimmed" data-testid="csv-import-kind-hint">
              {t(`csvImport.file.kindHints.${kind}`)}
            </Text>
          </Stack>
          {kind === 'registrants' && (mappings.data?.rows.length ?? 0) > 0 && (
            <Select
              label={t('csvImport.file.mapping')}
              data={[{ value: NO_MAPPING, label: t('csvImport.file.mappingNone') }, ...mappings.data!.rows.map((m) => ({ value: m.id, label: m.name }))]}
              value={savedMappingId}
              onChange={(value) => setSavedMappingId(value ?? NO_MAPPING)}
              allowDeselect={false}
              w={360}
              data-testid="csv-saved-mapping"
            />
          )}
          <Paper
            withBorder
            radius="md"
            p="xl"
            className={dragging ? 'mnv-dropzone mnv-dropzone-active' : 'mnv-dropzone'}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="csv-dropzone"
          >
            <Stack align="center" gap="xs">
              <IconFileUpload size={40} stroke={1.4} aria-hidden />
              <Text fw={500}>{t('csvImport.file.drop')}</Text>
              <Text fz="sm" c="dimmed">
                {t('csvImport.file.dropHint')}
              </Text>
              <FileButton onChange={choose} accept=".csv,.txt,text/csv,text/plain" resetRef={resetFile}>
                {(props) => (
                  <Button {...props} leftSection={<IconUpload size={16} />} loading={action.busy} mt="xs" data-testid="csv-choose-file">
                    {t('csvImport.file.choose')}
                  </Button>
                )}
              </FileButton>
            </Stack>
          </Paper>
        </Stack>
      )}

      {step === STEP.columns && preview && file && (
        <Stack gap="md">
          <Group gap="xl">
            <Text fz="sm" data-testid="csv-import-kind-chosen">
              {t('csvImport.columns.kind', { kind: t(`csvImport.file.kinds.${kind}`) })}
            </Text>
            <Text fz="sm">{t('csvImport.columns.file', { name: file.name })}</Text>
            <Text fz="sm" data-testid="csv-encoding">
              {t('csvImport.columns.encoding', { encoding: t(`csvEncodings.${preview.encoding}`) })}
            </Text>
            <Text fz="sm">{t('csvImport.columns.rows', { count: preview.rowCount })}</Text>
          </Group>
          <Text fz="sm">{t('csvImport.columns.lead')}</Text>
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder aria-label={t('csvImport.columns.tableLabel')} data-testid="csv-mapping">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('csvImport.columns.header')}</Table.Th>
                  <Table.Th>{t('csvImport.columns.sample')}</Table.Th>
                  <Table.Th w={260}>{t('csvImport.columns.field')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {headers.headers.map((header, i) =>
                  header === '' ? null : (
                    <Table.Tr key={header} data-testid="csv-mapping-row">
                      <Table.Td fw={500}>{header}</Table.Td>
                      <Table.Td c="dimmed" fz="sm" maw={280} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                        {sampleText(headers.sample[i] ?? '', mapping[header] ?? null)}
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={t('csvImport.columns.field')}
                          placeholder={t('csvImport.columns.unknown')}
                          data={fieldOptions}
                          value={mapping[header] ?? null}
                          onChange={(value) => setMapping({ ...mapping, [header]: (value as CsvImportField | 'ignore' | null) ?? null })}
                          error={mapping[header] == null}
                          allowDeselect={false}
                          searchable
                          size="sm"
                          comboboxProps={{ withinPortal: true }}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ),
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {kind === 'dependents' ? (
            <Text fz="sm" c="dimmed" data-testid="csv-mapping-not-saved">
              {t('csvImport.columns.dependentsNotSaved')}
            </Text>
          ) : (
            <Group align="flex-end" gap="md">
              <Checkbox label={t('csvImport.columns.save')} checked={saveAs.on} onChange={(e) => setSaveAs({ ...saveAs, on: e.currentTarget.checked, error: null })} mb={8} />
              {saveAs.on && (
                <TextInput
                  label={t('csvImport.columns.saveName')}
                  description={t('csvImport.columns.saveNameHint')}
                  value={saveAs.name}
                  onChange={(e) => setSaveAs({ ...saveAs, name: e.currentTarget.value, error: null })}
                  error={saveAs.error}
                  maxLength={50}
                  w={320}
                />
              )}
            </Group>
          )}
          <Group justify="space-between">
            <Button variant="default" onClick={startAgain}>
              {t('csvImport.columns.back')}
            </Button>
            <Button onClick={toPreview} loading={action.busy}>
              {t('csvImport.columns.next')}
            </Button>
          </Group>
        </Stack>
      )}

      {step === STEP.preview && preview && (
        <Stack gap="md">
          {preview.errorCount === 0 ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} data-testid="csv-preview-ok">
              <Text fz="sm">{t('csvImport.preview.ok')}</Text>
              <Text fz="sm" fw={600} mt={4} data-testid="csv-preview-counts">
                {t('csvImport.preview.counts', preview.summary)}
              </Text>
              {preview.summary.numbers > 0 && (
                <Text fz="sm" mt={4}>
                  {t(preview.reviewRequired ? 'csvImport.preview.reviewRequired' : 'csvImport.preview.reviewNotRequired')}
                </Text>
              )}
            </Alert>
          ) : (
            <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="csv-preview-problems">
              <Text fz="sm">{t('csvImport.preview.problems', { count: preview.errorCount })}</Text>
              {preview.errorCount > preview.errors.length && (
                <Text fz="sm" mt={4}>
                  {t('csvImport.preview.problemsTruncated', { shown: preview.errors.length, count: preview.errorCount })}
                </Text>
              )}
            </Alert>
          )}
          {preview.unknownGroups.length > 0 && (
            <Paper withBorder p="md" radius="md" data-testid="csv-unknown-groups">
              <Stack gap="xs">
                <Text fz="sm">{t(mayCreateGroups ? 'csvImport.preview.unknownGroups' : 'csvImport.preview.unknownGroupsViewerNote')}</Text>
                {mayCreateGroups && (
                  <>
                    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
                      {preview.unknownGroups.map((name) => (
                        <Checkbox
                          key={name}
                          label={name}
                          checked={createGroups.includes(name)}
                          onChange={(e) => setCreateGroups(e.currentTarget.checked ? [...createGroups, name] : createGroups.filter((g) => g !== name))}
                        />
                      ))}
                    </SimpleGrid>
                    <Group>
                      <Button variant="light" size="sm" disabled={createGroups.length === 0} loading={action.busy} onClick={confirmGroups}>
                        {t('csvImport.preview.confirmGroups')}
                      </Button>
                    </Group>
                  </>
                )}
              </Stack>
            </Paper>
          )}
          {preview.errors.length > 0 && <ProblemTable problems={preview.errors} />}
          <Group justify="space-between">
            <Group gap="sm">
              <Button variant="default" onClick={() => setStep(STEP.columns)}>
                {t('csvImport.preview.back')}
              </Button>
              <Button variant="subtle" onClick={startAgain}>
                {t('csvImport.preview.again')}
              </Button>
            </Group>
            <Button onClick={commit} disabled={preview.errorCount > 0} data-testid="csv-commit">
              {t('csvImport.preview.commit')}
            </Button>
          </Group>
        </Stack>
      )}

      {step === STEP.commit && <CommitProgress progress={progress} cancellable={jobId !== null} cancelling={cancelling} onCancel={cancel} />}

      {step === STEP.summary && result && (
        <Stack gap="md" data-testid="csv-summary">
          <Group gap="xs">
            <IconCircleCheck size={22} color="var(--mantine-color-teal-6)" aria-hidden />
            <Text fw={600}>{t('csvImport.summary.title')}</Text>
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
            {(kind === 'dependents' ? (['created', 'updated', 'unchanged', 'numbers'] as const) : (['created', 'updated', 'unchanged', 'numbers', 'groupsCreated'] as const)).map((key) => (
              <Paper key={key} withBorder p="sm" radius="md" data-testid={`csv-summary-${key}`}>
                <Text fz="xs" c="dimmed">
                  {t(`csvImport.summary.${key}`)}
                </Text>
                <Text fz="xl" fw={700}>
                  {t('csvImport.summary.rows', { count: result[key] })}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          {result.reviewRequired && result.numbers > 0 && (
            <Alert color="orange" variant="light">
              {t('csvImport.summary.reviewRequired')}
            </Alert>
          )}
          <Group>
            <Button variant="default" onClick={startAgain}>
              {t('csvImport.summary.again')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

function CommitProgress({ progress, cancellable, cancelling, onCancel }: { progress: JobProgress | null; cancellable: boolean; cancelling: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  const total = progress?.total ?? null;
  const percent = progress && total ? Math.min(100, (progress.done / total) * 100) : 100;
  return (
    <Stack gap="sm" data-testid="csv-commit-progress">
      <Text fz="sm" fw={500}>
        {t('csvImport.commit.running')}
      </Text>
      <Progress
        value={percent}
        animated={!total}
        striped={!total}
        size="lg"
        aria-label={t('csvImport.commit.progressLabel')}
        {...(total ? { 'aria-valuenow': progress!.done, 'aria-valuemax': total } : {})}
      />
      {progress && (
        <Text fz="sm" c="dimmed">
          {total ? t('csvImport.commit.progress', { done: progress.done, total }) : t('csvImport.commit.progressUnknown', { done: progress.done })}
        </Text>
      )}
      {cancellable && (
        <Group>
          <Button variant="default" color="red" onClick={onCancel} loading={cancelling} data-testid="csv-cancel">
            {cancelling ? t('csvImport.commit.cancelling') : t('csvImport.commit.cancel')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
