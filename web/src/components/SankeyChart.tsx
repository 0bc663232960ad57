// A Sankey diagram in plain SVG (no chart library): nodes stacked in columns, links as bands whose
// width is their amount. It is laid out for the width it is given, so its 12-pixel labels stay
// 12 pixels on a phone; the viewBox then scales it with the container. Every figure is also in a
// table below it (the accessible version), and each band names its ends and amount on hover.
import { Box, Table } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { layoutSankey, type SankeyInputLink, type SankeyInputNode } from '../sankey';
import { ChartData } from './ChartData';
import { DataTable } from './DataTable';
import { NUMERIC } from './Money';

const NODE_WIDTH = 12;
const FONT = 12;
// Average advance of a character at 12 px in the system sans-serif: enough to decide where to cut.
const CHAR_WIDTH = 6.8;

interface SankeyChartProps<N extends SankeyInputNode, L extends SankeyInputLink> {
  nodes: readonly N[];
  links: readonly L[];
  /** A node's name as people read it. */
  labelOf: (node: N) => string;
  /** A node's colour (fill, and the colour of the bands leaving the first column). */
  colorOf: (node: N) => string;
  formatAmount: (minor: number) => string;
  /** Short description of the whole chart for screen readers (role="img"). */
  description: string;
  /** Caption of the table with the same figures. */
  tableCaption: string;
  /** Nodes to keep at the bottom of their column. */
  last?: (id: string) => boolean;
}

export function SankeyChart<N extends SankeyInputNode, L extends SankeyInputLink>(props: SankeyChartProps<N, L>) {
  const { t } = useTranslation();
  const { ref, width: measured } = useElementSize();
  const width = Math.max(300, Math.round(measured || 720));
  const layout = layoutSankey(props.nodes, props.links, { width, nodeWidth: NODE_WIDTH, last: props.last, minHeight: width < 600 ? 360 : 420 });
  const byId = new Map(layout.nodes.map((p) => [p.node.id, p]));
  const columns = [...new Set(layout.nodes.map((p) => p.x))].sort((a, b) => a - b);
  const columnGap = columns.length > 1 ? columns[1] - columns[0] - NODE_WIDTH : width;
  // A label takes the gap beside its node, less what a label on the other side of the gap needs at
  // the same height (a middle column's labels face the last column's); each keeps at least half.
  const natural = (placed: (typeof layout.nodes)[number]) =>
    Math.max(props.labelOf(placed.node).length, props.formatAmount(placed.value).length * 0.92) * CHAR_WIDTH;
  const room = (placed: (typeof layout.nodes)[number]) => {
    const column = columns.indexOf(placed.x);
    const facing = placed.labelSide === 'right' ? columns[column + 1] : columns[column - 1];
    const side = placed.labelSide === 'right' ? 'left' : 'right';
    const centre = placed.y + placed.height / 2;
    const taken = Math.max(
      0,
      ...layout.nodes
        .filter((other) => other.x === facing && other.labelSide === side && Math.abs(other.y + other.height / 2 - centre) < 2 * FONT + 6)
        .map((other) => Math.min(natural(other), columnGap / 2 - 10) + 10),
    );
    return columnGap - 12 - taken;
  };
  const fit = (text: string, pixels: number) => {
    const chars = Math.max(4, Math.floor(pixels / CHAR_WIDTH));
    return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
  };
  const pad = FONT; // room above and below for the labels of the first and last nodes
  const label = (id: string) => {
    const placed = byId.get(id);
    return placed ? props.labelOf(placed.node) : id;
  };

  return (
    <Box ref={ref} w="100%">
      <svg
        role="img"
        aria-label={props.description}
        viewBox={`0 ${-pad} ${width} ${layout.height + 2 * pad}`}
        width="100%"
        style={{ display: 'block', maxWidth: '100%', height: 'auto' }}
        data-testid="sankey"
      >
        <g fill="none">
          {layout.links.map((placed) => {
            const source = byId.get(placed.link.source)!;
            const colour = source.x === columns[0] ? props.colorOf(source.node) : 'var(--mantine-color-gray-6)';
            return (
              <path
                key={`${placed.link.source}→${placed.link.target}`}
                className="sankey-link"
                d={placed.path}
                stroke={colour}
                strokeOpacity={0.35}
                strokeWidth={placed.width}
                data-testid="sankey-link"
              >
                <title>{`${label(placed.link.source)} → ${label(placed.link.target)}: ${props.formatAmount(placed.link.amount)}`}</title>
              </path>
            );
          })}
        </g>
        {layout.nodes.map((placed) => {
          const name = props.labelOf(placed.node);
          const amount = props.formatAmount(placed.value);
          const space = room(placed);
          const left = placed.labelSide === 'left';
          const x = left ? placed.x - 6 : placed.x + NODE_WIDTH + 6;
          const centre = placed.y + placed.height / 2;
          // The amount goes under the name where it fits whole; it is always in the tooltip and the table.
          const showAmount = amount.length * CHAR_WIDTH * 0.92 <= space;
          return (
            <g key={placed.node.id} data-testid="sankey-node">
              <title>{`${name}: ${amount}`}</title>
              <rect x={placed.x} y={placed.y} width={NODE_WIDTH} height={placed.height} fill={props.colorOf(placed.node)} />
              <text
                x={x}
                y={showAmount ? centre - 2 : centre + FONT / 3}
                textAnchor={left ? 'end' : 'start'}
                fontSize={FONT}
                fontWeight={600}
                fill="#212529"
                stroke="#ffffff"
                strokeWidth={3}
                strokeLinejoin="round"
                paintOrder="stroke"
              >
                {fit(name, space)}
              </text>
              {showAmount && (
                <text
                  x={x}
                  y={centre + FONT - 1}
                  textAnchor={left ? 'end' : 'start'}
                  fontSize={FONT - 1}
                  fill="#343a40"
                  stroke="#ffffff"
                  strokeWidth={3}
                  strokeLinejoin="round"
                  paintOrder="stroke"
                  style={{ fontVariantNumeric: 'tabular-nums' }}
                >
                  {amount}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ChartData className="sankey-data">
        <DataTable
          caption={props.tableCaption}
          columns={[{ label: t('sankey.from') }, { label: t('sankey.to') }, { label: t('sankey.amount'), numeric: true }]}
          testId="sankey-table"
        >
          {[...layout.links]
            .sort((a, b) => (byId.get(a.link.source)!.x - byId.get(b.link.source)!.x) || b.link.amount - a.link.amount)
            .map((placed) => (
              <Table.Tr key={`${placed.link.source}→${placed.link.target}`}>
                <Table.Td>{label(placed.link.source)}</Table.Td>
                <Table.Td>{label(placed.link.target)}</Table.Td>
                <Table.Td style={NUMERIC}>{props.formatAmount(placed.link.amount)}</Table.Td>
              </Table.Tr>
            ))}
        </DataTable>
      </ChartData>
    </Box>
  );
}
