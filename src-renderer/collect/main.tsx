// Entry of the phone form. Styles come from the bundled CSS file only (the listener's CSP:
// style-src 'self'). The link's token is taken from the address bar before anything renders;
// a link opened again in the same tab (only its fragment changes) starts the form afresh.
import './collect.css';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n, useText } from './i18n';
import { takeLinkToken } from './link-token';

// First of all, so the token leaves the address bar at once.
const firstToken = takeLinkToken();
await initI18n();

function Header() {
  const { text, language, setLanguage } = useText();
  return (
    <header className="header">
      <p className="header__title">{text('common.title')}</p>
      <button
        type="button"
        className="header__language"
        lang={language === 'ja' ? 'en' : 'ja'}
        aria-label={text('common.switchLanguageLabel')}
        onClick={() => setLanguage(language === 'ja' ? 'en' : 'ja')}
      >
        {text('common.switchLanguage')}
      </button>
    </header>
  );
}

function Root({ firstToken }: { firstToken: string | null }) {
  const [link, setLink] = useState({ token: firstToken, serial: 0 });
  useEffect(() => {
    const onHashChange = () => {
      const token = takeLinkToken();
      if (token) setLink((current) => ({ token, serial: current.serial + 1 }));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return (
    <>
      <Header />
      <main className="main">
        <App key={link.serial} token={link.token} />
      </main>
    </>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <Root firstToken={firstToken} />
  </StrictMode>,
);
