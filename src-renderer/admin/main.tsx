// Entry of the admin UI. Styles come from bundled CSS files only (CSP: style-src 'self').
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CspMantineProvider } from '../shared/mantine-csp/CspMantineProvider';
import { App } from './App';
import { LocalisedDates } from './components/LocalisedDates';
import { initI18n } from './i18n';
import { theme } from './theme';

await initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <CspMantineProvider theme={theme}>
      <LocalisedDates>
        <App />
      </LocalisedDates>
    </CspMantineProvider>
  </StrictMode>,
);
