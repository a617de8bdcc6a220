/** Deleting an export asks first: the dialog names it, and the server's refusal shows with its debugId. */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import type { ExportConfig } from './types.js';
import { useDeleteExport } from './use-exports.js';

export function DeleteExportDialog({ config, onClose, onDeleted }: { config: ExportConfig; onClose: () => void; onDeleted: () => void }) {
  const remove = useDeleteExport();
  return (
    <Modal opened onClose={onClose} title="Delete this export?" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <Text size="sm">
          “{config.name}” will be deleted. Files its runs wrote stay where they are on the server.
        </Text>
        {remove.isError && <ApiErrorAlert error={remove.error} title="The export was not deleted" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(config.id, { onSuccess: onDeleted })}>
            Delete export
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
