/** The toolbar's theme list: System theme, Light, Dark. */
import { useState } from 'react';
import { applyTheme, storedTheme, THEMES, type Theme } from './theme';

export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <select
      className="mg-theme"
      aria-label="Colour theme"
      title="Colour theme: follow the system, or always light or dark"
      value={theme}
      onChange={(e) => {
        const next = e.target.value as Theme;
        setTheme(next);
        applyTheme(next);
      }}
    >
      {THEMES.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
  );
}
