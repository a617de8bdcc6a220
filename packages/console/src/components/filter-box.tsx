/**
 * A search box in an API's filter language: typed freely, applied on Enter or when it loses focus;
 * the server's objection (a syntax error with its position, an unknown field) is shown under it.
 * Key it by `value` where it is used, so a value changed elsewhere (a URL, a link) starts a fresh draft.
 */
import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { MAX_FILTER_LENGTH } from '../inventory/list-state.js';

export interface FilterBoxProps {
  label: string;
  description: string;
  placeholder: string;
  value: string;
  error: string | undefined;
  onApply: (value: string) => void;
}

export function FilterBox({ label, description, placeholder, value, error, onApply }: FilterBoxProps) {
  const [draft, setDraft] = useState(value);
  const apply = () => {
    const next = draft.trim();
    if (next !== value) onApply(next);
  };
  return (
    <TextInput
      label={label}
      description={description}
      placeholder={placeholder}
      type="search"
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
