/** /console/flex/devices/:resourceId: one Flex device (GET /flex/v1beta1/devices/{id}, which takes the resource id) with its tags. */
import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../api/errors.js';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadingState } from '../components/loading-state.js';
import { BackLink } from '../inventory/back-link.js';
import { DetailFields } from '../inventory/detail-fields.js';
import { isUuid, orDash, utcMinute } from '../inventory/formats.js';
import { filterString } from '../inventory/list-state.js';
import type { Device } from './types.js';
import { useDevice } from './use-flex.js';

function deviceFields(d: Device) {
  return [
    { label: 'Serial number', value: d.serialNumber },
    { label: 'Name', value: orDash(d.name) },
    { label: 'Device type', value: d.deviceType },
    { label: 'Make', value: d.make },
    { label: 'Model', value: d.model },
    { label: 'Part number', value: d.partNumber },
    { label: 'MAC address', value: d.macAddress },
    { label: 'Billing account', value: orDash(d.billingAccountName) },
    { label: 'Billing tier', value: orDash(d.billingTier) },
    { label: 'Resource id', value: d.resourceId },
    { label: 'Device id', value: d.id },
    { label: 'Generation', value: String(d.generation) },
    { label: 'Created', value: utcMinute(d.createdAt) },
    { label: 'Updated', value: utcMinute(d.updatedAt) },
  ];
}

function DeviceTags({ tags }: { tags: NonNullable<Device['tags']> }) {
  if (tags.length === 0) return <Text size="sm">This device has no tags.</Text>;
  return (
    <Table withTableBorder striped data-testid="device-tags">
      <Table.Caption>The device’s tags.</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Value</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tags.map((t) => (
          <Table.Tr key={t.name}>
            <Table.Td>{t.name}</Table.Td>
            <Table.Td>{t.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function DeviceDetailPage() {
  const { resourceId } = useParams();
  const device = useDevice(resourceId);
  const missing = !isUuid(resourceId) || (device.isError && isNotFound(device.error));
  const d = device.data;
  return (
    <Stack gap="md">
      <BackLink to="/flex/devices" label="Flex devices" />
      <Title order={1} size="h2">
        {d ? `Device ${d.serialNumber}` : 'Flex device'}
      </Title>
      {missing && <EmptyState title="No such device">No Flex device of this workspace has the resource id {resourceId}.</EmptyState>}
      {device.isError && !missing && <ApiErrorAlert error={device.error} title="The device could not be loaded" onRetry={() => void device.refetch()} />}
      {!missing && device.isPending && <LoadingState label="Reading the device…" />}
      {d && (
        <>
          <DetailFields caption={`Flex device ${d.serialNumber} (times in UTC).`} fields={deviceFields(d)} testId="device-fields" />
          <Title order={2} size="h3">
            Tags
          </Title>
          <DeviceTags tags={d.tags ?? []} />
          {d.billingAccountName && (
            <Text size="sm">
              <Anchor component={Link} to={`/flex/devices?filter=${encodeURIComponent(`billingAccountName eq ${filterString(d.billingAccountName)}`)}`}>
                Other devices of billing account {d.billingAccountName}
              </Anchor>
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
