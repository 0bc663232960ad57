// Mantine theme: defaults, with a darker primary shade so white-on-blue buttons and blue links
// reach WCAG AA contrast (the default shade 6 gives about 3.5:1).
import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
});
