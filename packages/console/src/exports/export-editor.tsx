/**
 * Create (no export) or edit an export definition in a dialog: name, filter (ReportFieldCriteria as
 * rows), profile, dataset, format, compression and schedule. An edit sends a merge patch of what
 * changed; the server's 400 shows in the dialog with its debugId, and each issue about a filter
 * criterion (`filter[i]…`) at its row.
 */
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import {
  COMPRESSIONS,
  DATASETS,
  type ExportFormValues,
  FORMATS,
  type FormErrors,
  NO_SCHEDULE,
  PROFILES,
  PROFILE_LABELS,
  SCHEDULES,
  SCHEDULE_LABELS,
  createBody,
  emptyForm,
  formOf,
  patchBody,
  validateForm,
} from './export-form.js';
import { FilterRowsEditor } from './filter-rows-editor.js';
import { type FilterRow, type RowErrors, serverFilterErrors, shownRowErrors } from './filter-rows.js';
import type { ExportConfig } from './types.js';
import { useCreateExport, useUpdateExport } from './use-exports.js';

const options = <T extends string>(values: readonly T[], labels?: Record<T, string>) => values.map((v) => ({ value: v, label: labels?.[v] ?? v }));

export function ExportEditor({ config, onClose, onSaved }: { config?: ExportConfig; onClose: () => void; onSaved: (saved: ExportConfig) => void }) {
  const narrow = useMediaQuery('(max-width: 48em)');
  const [form, setForm] = useState<ExportFormValues>(() => (config ? formOf(config) : emptyForm()));
  const [shown, setShown] = useState<FormErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverRows, setServerRows] = useState<RowErrors[]>([]);
  const create = useCreateExport();
  const update = useUpdateExport();
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error;
  const set = <K extends keyof ExportFormValues>(key: K, value: ExportFormValues[K]) => setForm((f) => ({ ...f, [key]: value }));

  const setFilter = (filter: FilterRow[], changed: { index: number } | 'rows') => {
    setForm((f) => ({ ...f, filter }));
    // The server's words stay at the rows they name until a row is edited (every row when rows move).
    setServerRows((errors) => (changed === 'rows' ? [] : errors.map((e, i) => (i === changed.index ? {} : e))));
    setShown(({ filter: _, ...rest }) => rest);
  };
  const rowErrors = shownRowErrors(form.filter, form.dataset, submitted, serverRows);

  const submit = () => {
    const errors = validateForm(form);
    setSubmitted(true);
    setShown(errors);
    setServerRows([]);
    if (Object.keys(errors).length > 0) return;
    const onError = (error: unknown) => {
      const server = serverFilterErrors(error, form.filter);
      setServerRows(server.rows);
      if (server.filter) setShown((s) => ({ ...s, filter: server.filter }));
    };
    if (config) {
      const patch = patchBody(config, form);
      if (Object.keys(patch).length === 0) return onClose();
      update.mutate({ id: config.id, patch }, { onSuccess: onSaved, onError });
    } else {
      create.mutate(createBody(form), { onSuccess: onSaved, onError });
    }
  };

  return (
    <Modal opened onClose={onClose} title={config ? `Edit “${config.name}”` : 'New export'} size="lg" fullScreen={narrow} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput label="Name" required value={form.name} error={shown.name} onChange={(e) => set('name', e.currentTarget.value)} maxLength={256} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="Profile" allowDeselect={false} data={options(PROFILES, PROFILE_LABELS)} value={form.profile} onChange={(v) => v && set('profile', v as ExportFormValues['profile'])} />
            <Select label="Dataset" allowDeselect={false} data={options(DATASETS)} value={form.dataset} onChange={(v) => v && set('dataset', v as ExportFormValues['dataset'])} />
            <Select label="Format" allowDeselect={false} data={options(FORMATS)} value={form.format} onChange={(v) => v && set('format', v as ExportFormValues['format'])} />
            <Select
              label="Compression"
              allowDeselect={false}
              data={options(COMPRESSIONS)}
              value={form.compression}
              onChange={(v) => v && set('compression', v as ExportFormValues['compression'])}
            />
            <Select
              label="Schedule"
              allowDeselect={false}
              data={options([NO_SCHEDULE, ...SCHEDULES], SCHEDULE_LABELS)}
              value={form.schedule}
              onChange={(v) => v && set('schedule', v as ExportFormValues['schedule'])}
            />
          </SimpleGrid>
          {form.dataset === 'ContractCommitment' && form.profile !== 'focus-1.3' && (
            <Text size="sm">The ContractCommitment dataset is FOCUS 1.3 only: choose the focus-1.3 profile.</Text>
          )}
          <FilterRowsEditor rows={form.filter} dataset={form.dataset} errors={rowErrors} error={shown.filter} onChange={setFilter} />
          {failure && <ApiErrorAlert error={failure} title="The export was not saved" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {config ? 'Save changes' : 'Create export'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
