/**
 * /console/metering: the catalog (meters, prices with their versions, commitments), ingest
 * (events per day, latest times, rejected batches) and rating runs (followed, and "Rate days" with
 * metering.rating.run), as tabs; the tab and the ingest range live in the URL.
 */
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/use-session.js';
import { EmptyState } from '../components/empty-state.js';
import { CatalogTab } from './catalog-tab.js';
import { IngestTab } from './ingest-tab.js';
import { RatingTab } from './rating-tab.js';
import { type DayRange, type MeteringTab, TAB_LABELS, allowedTabs, parseRange, parseTab, withView } from './view-state.js';

export default function MeteringPage() {
  const { data: session } = useSession();
  const permissions = useMemo(() => session?.permissions ?? [], [session]);
  const tabs = useMemo(() => allowedTabs(permissions), [permissions]);
  const [params, setParams] = useSearchParams();
  // The default range is the 30 days up to the day the page was opened.
  const [now] = useState(() => Date.now());
  const tab = parseTab(params, tabs);
  const range = useMemo(() => parseRange(params, now), [params, now]);
  // A tab change is a step back can undo; the operation followed belongs to the rating tab only.
  const choose = useCallback(
    (next: string | null) => {
      if (!next || next === tab) return;
      setParams((current) => {
        const p = withView(current, next as MeteringTab);
        if (next !== 'rating') p.delete('operation');
        return p;
      });
    },
    [setParams, tab],
  );
  const setRange = useCallback((next: DayRange) => setParams((current) => withView(current, 'ingest', next), { replace: true }), [setParams]);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Metering
      </Title>
      <Text size="sm">What usage is priced with, how it arrives, and the runs that turn it into cost records.</Text>
      {!tab ? (
        <EmptyState title="Nothing here for you">Reading metering needs metering.catalog.view or metering.costs.view.</EmptyState>
      ) : (
        <Tabs value={tab} onChange={choose} keepMounted={false}>
          <Tabs.List>
            {tabs.map((t) => (
              <Tabs.Tab key={t} value={t}>
                {TAB_LABELS[t]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="catalog" pt="md">
            <CatalogTab />
          </Tabs.Panel>
          <Tabs.Panel value="ingest" pt="md">
            <IngestTab range={range} onRange={setRange} />
          </Tabs.Panel>
          <Tabs.Panel value="rating" pt="md">
            <RatingTab canRun={permissions.includes('metering.rating.run')} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
