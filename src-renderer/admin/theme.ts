// A calm business look: Mantine defaults with a restrained indigo-blue (藍色) primary and
// a Japanese-first font stack (fonts installed on the machine; CSP allows no remote fonts).
import { createTheme, type MantineColorsTuple } from '@mantine/core';

const ai: MantineColorsTuple = [
  '#eef3f9',
  '#dbe4ef',
  '#b3c6de',
  '#88a6cd',
  '#658bbf',
  '#4f7ab6',
  '#4371b2',
  '#355f9c',
  '#2c548c',
  '#1f487c',
];

const fontFamily = [
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  '"Hiragino Kaku Gothic ProN"',
  '"Hiragino Sans"',
  '"BIZ UDPGothic"',
  '"Yu Gothic UI"',
  'Meiryo',
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'sans-serif',
].join(', ');

export const theme = createTheme({
  colors: { ai },
  primaryColor: 'ai',
  primaryShade: 7,
  fontFamily,
  // Latin monospace first: codes and keys are ASCII, and these fonts tell 0 from O.
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Noto Sans Mono CJK JP", monospace',
  headings: { fontFamily, fontWeight: '600' },
  defaultRadius: 'md',
  cursorType: 'pointer',
});
