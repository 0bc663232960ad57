// A line chart in plain SVG (no chart library): one line per series over the same periods, a gap
// where a value is missing, the value axis from zero. Laid out for the width it is given, so its
// 12-pixel labels stay 12 pixels on a phone. Lines differ in colour and in dash pattern, and each
// is named in the legend, so colour is never the only cue. The chart is one image to assistive
// technology (its description says what it shows); every figure is also in a table under it.
import { Box, Group, Table, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NUMERIC } from './Money';
import { ChartData } from './ChartData';
import { DataTable } from './DataTable';

const FONT = 12;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 28, left: 56 };
// Colours at least 3:1 against white; dash patterns repeat them in another way.
const COLOURS = [
  'var(--mantine-color-indigo-8)',
  'var(--mantine-color-orange-9)',
  'var(--mantine-color-green-9)',
  'var(--mantine-color-grape-8)',
  'var(--mantine-color-cyan-9)',
  'var(--mantine-color-red-8)',
  'var(--mantine-color-teal-9)',
  'var(--mantine-color-pink-8)',
  'var(--mantine-color-dark-5)',
];
const DASHES = ['', '6 3', '2 3', '10 3 2 3'];

export interface LineSeries {
  key: string;
  label: string;
  /** One value per period, null where there is none. */
  values: readonly (number | null)[];
}

interface LineChartProps {
  /** The periods along the horizontal axis. */
  periods: readonly string[];
  series: readonly LineSeries[];
  /** A value as people read it ("75,00 %"). */
  format: (value: number) => string;
  /** A gridline's value, where `format` is too long for the axis ("1,2 млн"); `format` by default. */
  formatAxis?: (value: number) => string;
  /** What the chart shows, for screen readers (role="img"). */
  description: string;
  /** Caption of the table with the same figures. */
  tableCaption: string;
  /** Header of the table's first column (what a series is). */
  seriesHeader: string;
  /** The value axis reaches at least this far (100 for percentages). */
  minTop?: number;
  testId?: string;
}

/** A round step for about four gridlines up to `top`. */
function niceStep(top: number): number {
  const rough = top / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough);
  return step ?? 10 * magnitude;
}

/** Runs of consecutive points that have a value: a missing value breaks the line. */
function runs(points: readonly ({ x: number; y: number } | null)[]): { x: number; y: number }[][] {
  const result: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  for (const point of points) {
    if (point) current.push(point);
    else if (current.length) {
      result.push(current);
      current = [];
    }
  }
  if (current.length) result.push(current);
  return result;
}

export function LineChart({ periods, series, format, formatAxis = format, description, tableCaption, seriesHeader, minTop = 1, testId }: LineChartProps) {
  const { t } = useTranslation();
  const { ref, width: measured } = useElementSize();
  const width = Math.max(300, Math.round(measured || 720));
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const step = niceStep(Math.max(minTop, ...values));
  const top = Math.ceil(Math.max(minTop, ...values) / step) * step;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xOf = (index: number) => MARGIN.left + (periods.length === 1 ? plotWidth / 2 : (index / (periods.length - 1)) * plotWidth);
  const yOf = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const ticks: number[] = [];
  for (let value = 0; value <= top + step / 1000; value += step) ticks.push(value);
  // Label every period when they fit, else every n-th one.
  const labelEvery = Math.max(1, Math.ceil((periods.length * 64) / plotWidth));

  return (
    <Box ref={ref} w="100%" data-testid={testId}>
      <svg role="img" aria-label={description} viewBox={`0 0 ${width} ${HEIGHT}`} width="100%" style={{ display: 'block', maxWidth: '100%', height: 'auto' }}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={width - MARGIN.right} y1={yOf(tick)} y2={yOf(tick)} stroke="var(--mantine-color-gray-3)" />
            <text x={MARGIN.left - 6} y={yOf(tick) + FONT / 3} fontSize={FONT} textAnchor="end" fill="var(--mantine-color-dark-9)" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatAxis(tick)}
            </text>
          </g>
        ))}
        {periods.map((period, index) =>
          index % labelEvery === 0 ? (
            <text key={period} x={xOf(index)} y={HEIGHT - 8} fontSize={FONT} textAnchor="middle" fill="var(--mantine-color-dark-9)">
              {period}
            </text>
          ) : null,
        )}
        {series.map((line, index) => {
          const colour = COLOURS[index % COLOURS.length];
          const points = line.values.map((value, i) => (value === null ? null : { x: xOf(i), y: yOf(value) }));
          return (
            <g key={line.key}>
              {runs(points).map((run) => (
                <polyline
                  key={run[0].x}
                  points={run.map((p) => `${p.x},${p.y}`).join(' ')}
                  fill="none"
                  stroke={colour}
                  strokeWidth={2.5}
                  strokeDasharray={DASHES[index % DASHES.length] || undefined}
                />
              ))}
              {line.values.map((value, i) =>
                value === null ? null : (
                  <circle key={periods[i]} cx={xOf(i)} cy={yOf(value)} r={4} fill={colour}>
                    <title>{`${line.label}, ${periods[i]}: ${format(value)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      <Group gap="md" mt="xs" wrap="wrap">
        {series.map((line, index) => (
          <Group key={line.key} gap={6} wrap="nowrap">
            <svg width={28} height={10} style={{ flex: 'none' }} aria-hidden="true">
              <line x1={0} x2={28} y1={5} y2={5} stroke={COLOURS[index % COLOURS.length]} strokeWidth={2.5} strokeDasharray={DASHES[index % DASHES.length] || undefined} />
            </svg>
            <Text size="sm">{line.label}</Text>
          </Group>
        ))}
      </Group>
      <ChartData>
        <DataTable caption={tableCaption} columns={[{ label: seriesHeader }, ...periods.map((period) => ({ label: period, numeric: true }))]}>
          {series.map((line) => (
            <Table.Tr key={line.key}>
              <Table.Th scope="row">{line.label}</Table.Th>
              {line.values.map((value, i) => (
                <Table.Td key={periods[i]} style={NUMERIC}>
                  {value === null ? t('common.none') : format(value)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </DataTable>
      </ChartData>
    </Box>
  );
}
