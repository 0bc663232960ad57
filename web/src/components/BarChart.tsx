// A horizontal bar chart in plain SVG (no chart library): one bar per row, as long as its amount
// against the largest, its name above it and its amount beside it. Laid out for the width it is
// given, so its 12-pixel labels stay 12 pixels on a phone. The chart is one image to assistive
// technology (its description says what it shows); the page puts the same figures in a table.
import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';

const FONT = 12;
const CHAR_WIDTH = 6.8;
const BAR = 14;
const ROW = FONT + 6 + BAR + 12;

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** The value as people read it ("650 000,00 UAH"). */
  text: string;
}

interface BarChartProps {
  bars: readonly Bar[];
  /** What the chart shows, for screen readers (role="img"). */
  description: string;
  color?: string;
  /** The value a full-length bar stands for (at least the largest value), e.g. 100 for percentages. */
  max?: number;
  testId?: string;
}

export function BarChart({ bars, description, color = 'var(--mantine-color-indigo-8)', max: fullBar = 1, testId }: BarChartProps) {
  const { ref, width: measured } = useElementSize();
  const width = Math.max(280, Math.round(measured || 720));
  const max = Math.max(fullBar, ...bars.map((b) => b.value));
  const longestAmount = Math.max(...bars.map((b) => b.text.length), 4) * CHAR_WIDTH + 8;
  const barSpace = Math.max(40, width - longestAmount);
  const height = bars.length * ROW;
  const fit = (text: string) => {
    const chars = Math.max(8, Math.floor(width / CHAR_WIDTH));
    return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
  };
  return (
    <Box ref={ref} w="100%">
      <svg role="img" aria-label={description} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ display: 'block', maxWidth: '100%', height: 'auto' }} data-testid={testId}>
        {bars.map((bar, index) => {
          const y = index * ROW;
          const length = Math.max(2, Math.round((bar.value / max) * barSpace));
          return (
            <g key={bar.key}>
              <title>{`${bar.label}: ${bar.text}`}</title>
              <text x={0} y={y + FONT} fontSize={FONT} fill="var(--mantine-color-dark-9)">
                {fit(bar.label)}
              </text>
              <rect x={0} y={y + FONT + 6} width={length} height={BAR} rx={2} fill={color} />
              <text x={length + 6} y={y + FONT + 6 + BAR - 3} fontSize={FONT} fill="var(--mantine-color-dark-9)" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
