import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Darker shades than Mantine's defaults, for WCAG AA contrast (4.5:1) of links, badges and secondary
 * text on white; axe checks it in the browser test.
 */
export const theme = createTheme({ primaryShade: { light: 8, dark: 5 }, autoContrast: true });

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // An active navigation link under the pointer: Mantine's default hover (blue 2) gives 4.0:1.
    '--mantine-primary-color-light-hover': 'var(--mantine-color-blue-1)',
  },
  dark: {},
});
