// MantineProvider for a page under a strict CSP: Mantine's own <style> tags (theme CSS
// variables, hidden-from/visible-from classes) are switched off and the same CSS is
// generated from the theme and adopted through CSSOM. Component-level inline styles
// (AppShell, Grid, SimpleGrid, responsive props) are handled at build time by the
// `mnv:mantine-csp-inline-styles` plugin in vite.config.ts.
import {
  MantineProvider,
  convertCssVariables,
  defaultCssVariablesResolver,
  em,
  px,
  useMantineTheme,
  type MantineTheme,
  type MantineThemeOverride,
} from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useAdoptedCss } from './adopted-css';

function responsiveClasses(theme: MantineTheme): string {
  return Object.entries(theme.breakpoints)
    .map(([name, value]) => {
      const isPx = value.includes('px');
      const min = Number(px(value));
      const below = isPx ? `${min - 0.1}px` : em(min - 0.1);
      const from = isPx ? `${min}px` : em(min);
      return (
        `@media (max-width: ${below}) {.mantine-visible-from-${name} {display: none !important;}}` +
        `@media (min-width: ${from}) {.mantine-hidden-from-${name} {display: none !important;}}`
      );
    })
    .join('');
}

/** The CSS that MantineCssVariables and MantineClasses would have put in <style> tags. */
export function themeCss(theme: MantineTheme): string {
  return `${convertCssVariables(defaultCssVariablesResolver(theme))}\n${responsiveClasses(theme)}`;
}

function AdoptedThemeCss() {
  const theme = useMantineTheme();
  const css = useMemo(() => themeCss(theme), [theme]);
  useAdoptedCss(css);
  return null;
}

export function CspMantineProvider({ theme, children }: { theme: MantineThemeOverride; children: ReactNode }) {
  return (
    <MantineProvider theme={theme} withCssVariables={false} withGlobalClasses={false} forceColorScheme="light">
      <AdoptedThemeCss />
      {children}
    </MantineProvider>
  );
}
