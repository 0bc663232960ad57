// Mantine theme: defaults, adjusted only where the defaults miss WCAG AA contrast (4.5:1) on white.
import {
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

// Text on tinted or hover-tinted backgrounds: light badges/alerts/nav links, outline and subtle
// buttons. The defaults (shade 8-9, e.g. green 9 on its tint: about 3.8:1) fall short of AA;
// a darkened shade 9 passes for every palette color, hovered or not.
const TINTED_VARIANTS = new Set(['light', 'outline', 'subtle']);

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (!input.variant || !TINTED_VARIANTS.has(input.variant)) return colors;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const text = darken(input.theme.colors[parsed.color][9], 0.3);
  return input.variant === 'outline'
    ? { ...colors, color: text, border: `1px solid ${text}` }
    : { ...colors, color: text };
};

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 6 (the default) gives white button text only about 3.5:1; shade 8 gives about 5:1.
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  variantColorResolver,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
});

// Dimmed text (descriptions, captions), error text and placeholders default to gray 6, red 6
// and gray 5: 3.3:1 or less.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    // The only placeholder left says "No organization", which is information, not a hint.
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
  },
  dark: {},
});
