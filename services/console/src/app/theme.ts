import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Darker shades than Mantine's defaults, for WCAG AA contrast (4.5:1) of links, badges and secondary
 * text on white; axe checks it in the browser test.
 */
export const theme = createTheme({ primaryShade: { light: 8, dark: 5 }, autoContrast: true });

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
