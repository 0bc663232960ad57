// A column header that sorts its table: a button inside the <th> (reached with Tab, pressed with Enter
// or Space), and aria-sort on the <th> saying which way the table is sorted by it now (as the WAI-ARIA
// sortable table pattern has it). The arrow only repeats that for the eye; screen readers hear aria-sort.
import { Table, UnstyledButton } from '@mantine/core';
import { NUMERIC_HEADER } from './Money';
import type { SortOrder } from '../registers';

interface SortableThProps<S extends string> {
  field: S;
  label: string;
  /** The table's sort now. */
  sort: S;
  order: SortOrder;
  onSort: (field: S) => void;
  numeric?: boolean;
  testId?: string;
}

export function SortableTh<S extends string>({ field, label, sort, order, onSort, numeric = false, testId }: SortableThProps<S>) {
  const active = field === sort;
  const arrow = active ? (order === 'asc' ? '▲' : '▼') : '↕';
  return (
    <Table.Th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} style={numeric ? NUMERIC_HEADER : undefined}>
      <UnstyledButton
        onClick={() => onSort(field)}
        data-testid={testId}
        fw={700}
        fz="sm"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 6, textAlign: numeric ? 'right' : 'left' }}
      >
        <span>{label}</span>
        <span aria-hidden="true" style={{ opacity: active ? 1 : 0.6, fontSize: '0.75em' }}>
          {arrow}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}
