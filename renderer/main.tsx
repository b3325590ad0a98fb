import { createRoot } from 'react-dom/client';
// Urdu and Arabic script in a bundled font, regular and bold only: the other subsets and weights
// would add files the app never shows.
import '@fontsource/noto-naskh-arabic/arabic-400.css';
import '@fontsource/noto-naskh-arabic/arabic-700.css';
import { App } from './App';
import { applyTheme, storedTheme } from './ui/theme';
import './styles.css';

// Before the first paint, so a dark-mode user never sees a light flash.
applyTheme(storedTheme(), false);
createRoot(document.getElementById('root')!).render(<App />);
