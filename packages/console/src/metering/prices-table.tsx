/** SKU prices, one row per SKU (the version in force now); a row opens the SKU's every version, oldest first. */
import { Button, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { utcMinute } from '../inventory/formats.js';
import { formatMoney, userLocale } from '../lib/money-format.js';
import { CatalogSection } from './catalog-section.js';
import type { Price } from './types.js';
import { usePrices, usePriceVersions } from './use-metering.js';

const COLUMNS = 7;

function unitPriceText(price: Price, locale: string | undefined): string {
  const unit = `per ${price.pricingQuantityDivisor === '1' ? '' : `${price.pricingQuantityDivisor} `}${price.pricingUnit}`;
  const bands = price.bands && price.bands.length > 0 ? ` (${price.bands.length} bands)` : '';
  return `${formatMoney(price.listUnitPrice, price.currency, locale)} ${unit}${bands}`;
}

function rangeText(price: Price): string {
  return `${utcMinute(price.effectiveFrom)} → ${price.effectiveTo ? utcMinute(price.effectiveTo) : 'open-ended'}`;
}

function PriceVersions({ skuId }: { skuId: string }) {
  const versions = usePriceVersions(skuId);
  const locale = userLocale();
  if (versions.isError) return <ApiErrorAlert error={versions.error} title="The versions could not be loaded" onRetry={() => void versions.refetch()} />;
  if (!versions.data)
    return (
      <Text size="sm" role="status">
        Reading the versions…
      </Text>
    );
  return (
    <Table withTableBorder data-testid="price-versions" aria-label={`Versions of ${skuId}`}>
      <Table.Caption>
        {versions.data.total} {versions.data.total === 1 ? 'version' : 'versions'} of {skuId}, oldest first: a day is rated with the version in force on it.
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">In force</Table.Th>
          <Table.Th scope="col">List unit price</Table.Th>
          <Table.Th scope="col">Changed</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {versions.data.items.map((v) => (
          <Table.Tr key={v.effectiveFrom}>
            <Table.Td>{rangeText(v)}</Table.Td>
            <Table.Td>{unitPriceText(v, locale)}</Table.Td>
            <Table.Td>{utcMinute(v.updatedAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function PricesTable() {
  const prices = usePrices();
  const [open, setOpen] = useState<string | null>(null);
  const locale = userLocale();
  return (
    <CatalogSection title="Prices" query={prices} empty="No price yet: usage is rated, but its costs stay null (NO_PRICE).">
      <ScrollRegion label="Prices" minWidth={900}>
        <Table withTableBorder striped data-testid="prices-table">
          <Table.Caption>SKU prices as in force now (times in UTC); open a SKU for its versions.</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">SKU</Table.Th>
              <Table.Th scope="col">Meter</Table.Th>
              <Table.Th scope="col">Description</Table.Th>
              <Table.Th scope="col">List unit price</Table.Th>
              <Table.Th scope="col">In force</Table.Th>
              <Table.Th scope="col">Publisher</Table.Th>
              <Table.Th scope="col">Versions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {prices.data?.items.map((p) => (
              <Fragment key={p.skuId}>
                <Table.Tr data-sku={p.skuId}>
                  <Table.Td>{p.skuId}</Table.Td>
                  <Table.Td>{p.meterId}</Table.Td>
                  <Table.Td>{p.chargeDescription ?? '—'}</Table.Td>
                  <Table.Td>{unitPriceText(p, locale)}</Table.Td>
                  <Table.Td>{rangeText(p)}</Table.Td>
                  <Table.Td>{p.publisherName}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-expanded={open === p.skuId}
                      aria-label={`${open === p.skuId ? 'Hide' : 'Show'} the versions of ${p.skuId}`}
                      onClick={() => setOpen(open === p.skuId ? null : p.skuId)}
                    >
                      {open === p.skuId ? 'Hide' : 'Show'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {open === p.skuId && (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMNS}>
                      <PriceVersions skuId={p.skuId} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </CatalogSection>
  );
}
