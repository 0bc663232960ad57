// Entry point: global styles, translations, then the app.
import './mantine-first-page.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startI18n } from './i18n';

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing #root');

// The messages of the interface language are fetched first, so the first render is in that language.
void startI18n().then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
