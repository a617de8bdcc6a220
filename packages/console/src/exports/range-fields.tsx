/** The range controls of a download or a run: a relativeDate preset, or a first and last day (both inclusive, UTC). */
import { Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { RELATIVE_DATES, type RelativeDate, relativeDateLabel } from '../lib/relative-dates.js';
import type { RangeChoice } from './download-range.js';

const PRESETS = RELATIVE_DATES.map((name) => ({ value: name, label: relativeDateLabel(name) }));

export function RangeFields({ label, range, onChange, error }: { label: string; range: RangeChoice; onChange: (next: RangeChoice) => void; error?: string }) {
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <SegmentedControl
        aria-label={`${label}: kind of range`}
        data={[
          { value: 'relative', label: 'Preset' },
          { value: 'days', label: 'Days' },
        ]}
        value={range.kind}
        onChange={(kind) => onChange(kind === 'relative' ? { kind: 'relative', relativeDate: 'PREVIOUS_MONTH' } : { kind: 'days', startDate: '', endDate: '' })}
      />
      {range.kind === 'relative' ? (
        <Select
          label={`${label}: preset`}
          allowDeselect={false}
          data={PRESETS}
          value={range.relativeDate}
          onChange={(v) => v && onChange({ kind: 'relative', relativeDate: v as RelativeDate })}
          w={200}
        />
      ) : (
        <>
          <TextInput
            type="date"
            label={`${label}: first day`}
            value={range.startDate}
            onChange={(e) => onChange({ ...range, startDate: e.currentTarget.value })}
            error={error}
          />
          <TextInput type="date" label={`${label}: last day`} value={range.endDate} onChange={(e) => onChange({ ...range, endDate: e.currentTarget.value })} />
        </>
      )}
    </Group>
  );
}
