/** The catalog: meters, SKU prices (each opens its version history) and commitments, as tables. */
import { Stack, Table } from '@mantine/core';
import { ScrollRegion } from '../components/scroll-region.js';
import { haveSettled, useShownOnceSettled } from '../components/settled-above.js';
import { orDash, utcDay } from '../inventory/formats.js';
import { formatNumber, userLocale } from '../lib/money-format.js';
import { CatalogSection } from './catalog-section.js';
import { PricesTable } from './prices-table.js';
import { useCommitments, useMeters, usePrices } from './use-metering.js';

function MetersTable() {
  const meters = useMeters();
  return (
    <CatalogSection title="Meters" query={meters} empty="No meter yet: events are taken only for the event types a meter counts.">
      <ScrollRegion label="Meters" minWidth={720}>
        <Table withTableBorder striped data-testid="meters-table">
          <Table.Caption>Meters: which CloudEvents type each counts, where its value is, and how a day's values add up.</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Meter</Table.Th>
              <Table.Th scope="col">Event type</Table.Th>
              <Table.Th scope="col">Value</Table.Th>
              <Table.Th scope="col">Aggregation</Table.Th>
              <Table.Th scope="col">Unit</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {meters.data?.items.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.id}</Table.Td>
                <Table.Td>{m.eventType}</Table.Td>
                <Table.Td>{orDash(m.valueProperty)}</Table.Td>
                <Table.Td>{m.aggregation}</Table.Td>
                <Table.Td>{m.consumedUnit}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </CatalogSection>
  );
}

function CommitmentsTable() {
  const commitments = useCommitments();
  const locale = userLocale();
  return (
    <CatalogSection title="Commitments" query={commitments} empty="No commitment in this workspace.">
      <ScrollRegion label="Commitments" minWidth={760}>
        <Table withTableBorder striped data-testid="commitments-table">
          <Table.Caption>Commitments per billing account and SKU: quantities in the meter's consumed unit per day (days in UTC).</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Commitment</Table.Th>
              <Table.Th scope="col">Billing account</Table.Th>
              <Table.Th scope="col">SKU</Table.Th>
              <Table.Th scope="col" ta="right">
                Committed
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Minimum
              </Table.Th>
              <Table.Th scope="col">From</Table.Th>
              <Table.Th scope="col">To</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {commitments.data?.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.id}</Table.Td>
                <Table.Td>{c.billingAccountId}</Table.Td>
                <Table.Td>{c.skuId}</Table.Td>
                <Table.Td ta="right">{formatNumber(c.committedQuantity, locale, 15)}</Table.Td>
                <Table.Td ta="right">{c.minimumQuantity === null || c.minimumQuantity === undefined ? '—' : formatNumber(c.minimumQuantity, locale, 15)}</Table.Td>
                <Table.Td>{utcDay(c.effectiveFrom)}</Table.Td>
                <Table.Td>{c.effectiveTo ? utcDay(c.effectiveTo) : 'open-ended'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </CatalogSection>
  );
}

export function CatalogTab() {
  // The three are read at once; a table is drawn once the tables above it have theirs, so none is pushed down.
  const meters = useMeters();
  const prices = usePrices();
  useCommitments();
  const showPrices = useShownOnceSettled(haveSettled(meters));
  const showCommitments = useShownOnceSettled(haveSettled(meters, prices));
  return (
    <Stack gap="lg">
      <MetersTable />
      {showPrices && <PricesTable />}
      {showCommitments && <CommitmentsTable />}
    </Stack>
  );
}
