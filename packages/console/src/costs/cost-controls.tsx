/** The explorer's choices: grouping (a dimension or a tag key), day or month, cost column, a preset range or two picked days. */
import { Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DatePickerInput } from '@mantine/dates';
import { RELATIVE_DATES, type RelativeDate, relativeDateLabel, relativeRange } from '../lib/relative-dates.js';
import { COST_LABELS, GROUP_BY_LABELS, stackLabel } from './labels.js';
import { COST_COLUMNS, type CostView, GRANULARITIES, GROUP_BY, type GroupBy, MAX_FILTER_LENGTH, lastDayOf, withPickedDays, withStackBy } from './view-state.js';

const CUSTOM = 'CUSTOM';
/** A tag key's option value in the grouping menu (dimension names never start so). */
const TAG_OPTION = 'tag:';

/**
 * The grouping menu: the fixed dimensions, then the tag keys of the range (the view's own key kept
 * even when the range has none, so the menu always shows what the chart is stacked by).
 */
function groupingOptions(tagKeys: readonly string[], current: string | null) {
  const keys = current !== null && !tagKeys.includes(current) ? [...tagKeys, current] : tagKeys;
  return [
    { group: 'Dimensions', items: GROUP_BY.map((value) => ({ value, label: GROUP_BY_LABELS[value] })) },
    ...(keys.length > 0 ? [{ group: 'Tags', items: keys.map((tag) => ({ value: `${TAG_OPTION}${tag}`, label: stackLabel({ tag }) })) }] : []),
  ];
}

/**
 * The filter box: typed freely, applied on Enter or when it loses focus; the server's objection (a
 * syntax error with its position, an unknown field) is shown under it.
 */
function FilterInput({ view, onChange, error }: { view: CostView; onChange: (next: CostView) => void; error: string | undefined }) {
  // Keyed by the view's filter (below): a view opened from a URL or changed elsewhere starts a fresh draft.
  const [draft, setDraft] = useState(view.filter);
  const apply = () => {
    const filter = draft.trim();
    if (filter !== view.filter) onChange({ ...view, filter });
  };
  return (
    <TextInput
      label="Filter"
      description="Any dimension, e.g. ServiceName eq 'Compute' and RegionId in ('us-east-1', 'us-west-2')"
      placeholder="RegionId ne null"
      maxLength={MAX_FILTER_LENGTH}
      value={draft}
      error={error}
      onChange={(event) => setDraft(event.currentTarget.value)}
      onBlur={apply}
      onKeyDown={(event) => {
        if (event.key === 'Enter') apply();
      }}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
    />
  );
}

export function CostControls({
  view,
  onChange,
  filterError,
  tagKeys = [],
}: {
  view: CostView;
  onChange: (next: CostView) => void;
  filterError?: string | undefined;
  /** The tag keys on the costs of the view's range (cost-tag-keys), offered after the dimensions. */
  tagKeys?: readonly string[];
}) {
  return (
    <Stack gap="sm">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label="Group by"
          w={200}
          allowDeselect={false}
          searchable={tagKeys.length > 10}
          data={groupingOptions(tagKeys, view.tag)}
          value={view.tag === null ? view.groupBy : `${TAG_OPTION}${view.tag}`}
          onChange={(value) => {
            if (!value) return;
            onChange(withStackBy(view, value.startsWith(TAG_OPTION) ? { tag: value.slice(TAG_OPTION.length) } : { groupBy: value as GroupBy }));
          }}
        />
        <Select
          label="Date range"
          w={200}
          allowDeselect={false}
          data={[...RELATIVE_DATES.map((value) => ({ value, label: relativeDateLabel(value) })), { value: CUSTOM, label: 'Custom (pick days)' }]}
          value={view.range ?? CUSTOM}
          onChange={(value) => {
            if (value && value !== CUSTOM) onChange({ ...view, range: value as RelativeDate, ...relativeRange(value as RelativeDate, Date.now()) });
            else if (value === CUSTOM) onChange({ ...view, range: null });
          }}
        />
        <DatePickerInput
          type="range"
          label="Days (both included, UTC)"
          w={260}
          allowSingleDateInRange
          value={[view.from, lastDayOf(view)]}
          valueFormat="YYYY-MM-DD"
          onChange={([first, last]) => {
            if (typeof first === 'string' && typeof last === 'string') onChange(withPickedDays(view, first, last));
          }}
        />
      </Group>
      <Group gap="md" align="flex-end" wrap="wrap">
        <div>
          <Text size="sm" fw={500} id="granularity-label" mb={4}>
            Granularity
          </Text>
          <SegmentedControl
            aria-labelledby="granularity-label"
            data={GRANULARITIES.map((value) => ({ value, label: value === 'DAY' ? 'Day' : 'Month' }))}
            value={view.granularity}
            onChange={(value) => onChange({ ...view, granularity: value as CostView['granularity'] })}
          />
        </div>
        <div>
          <Text size="sm" fw={500} id="cost-label" mb={4}>
            Cost
          </Text>
          <SegmentedControl
            aria-labelledby="cost-label"
            data={COST_COLUMNS.map((value) => ({ value, label: COST_LABELS[value] }))}
            value={view.cost}
            onChange={(value) => onChange({ ...view, cost: value as CostView['cost'] })}
          />
        </div>
      </Group>
      <FilterInput key={view.filter} view={view} onChange={onChange} error={filterError} />
    </Stack>
  );
}
