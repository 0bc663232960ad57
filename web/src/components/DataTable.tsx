// A table of records or figures in the app's usual frame: a caption that also names the scroll
// region, one header row (figure columns right-aligned), and a row saying so when there is nothing.
import { Table, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { NUMERIC_HEADER } from './Money';
import { TableFrame } from './TableFrame';

/** A column's header; `numeric` right-aligns it over figures. */
export interface Column {
  label: string;
  numeric?: boolean;
  minWidth?: number;
}

interface DataTableProps {
  caption: string;
  columns: readonly Column[];
  /** Shown across the table when `children` has no rows. */
  empty?: string;
  isEmpty?: boolean;
  /** Below this width the table scrolls sideways in its frame. */
  minWidth?: number;
  verticalSpacing?: MantineSpacing;
  testId?: string;
  children: ReactNode;
}

export function DataTable({ caption, columns, empty, isEmpty = false, minWidth, verticalSpacing = 'xs', testId, children }: DataTableProps) {
  return (
    <TableFrame label={caption}>
      <Table striped captionSide="top" verticalSpacing={verticalSpacing} miw={minWidth} data-testid={testId}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.label} scope="col" style={column.numeric ? NUMERIC_HEADER : undefined} miw={column.minWidth}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {isEmpty && empty && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>{empty}</Table.Td>
            </Table.Tr>
          )}
          {children}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
