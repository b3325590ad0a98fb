/**
 * Focus goes back where it was when a dialog or panel closes. The element focused when the caller
 * first rendered (the text, or the button that opened it) gets the focus again on unmount, unless
 * the user has since put it somewhere else. Without this the browser drops it on the page, and a
 * keyboard user must reach for the mouse (or press Tab a dozen times) to carry on.
 */
import { useEffect, useState } from 'react';

export function useReturnFocus(): void {
  // Read during the first render, before the dialog's own autofocus moves it.
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      const now = document.activeElement;
      // Focus lost with the closed element (it falls to <body>): anything else was the user's choice.
      if (now && now !== document.body) return;
      const target =
        opener instanceof HTMLElement && opener.isConnected && opener !== document.body
          ? opener
          : document.querySelector<HTMLElement>('.mg-text');
      target?.focus();
    },
    [opener],
  );
}
