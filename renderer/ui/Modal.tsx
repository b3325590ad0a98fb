/**
 * A modal dialog over the project screen; Escape or the close button closes it, and focus goes back.
 * Tab and Shift+Tab go round its controls and never reach the screen behind it.
 */
import { useEffect, useId, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { useReturnFocus } from './useReturnFocus';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside the dialog: from its last control to its first, and back with Shift+Tab. */
function keepTabInside(event: ReactKeyboardEvent<HTMLElement>) {
  const dialog = event.currentTarget;
  // A dialog opened inside this one keeps its own Tab.
  if (event.key !== 'Tab' || (event.target as Element).closest('[role="dialog"]') !== dialog) return;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(':disabled') && el.getClientRects().length > 0,
  );
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const at = globalThis.document.activeElement;
  if (event.shiftKey ? at === first || at === dialog : at === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}

export function Modal(props: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  useReturnFocus();
  const { onClose } = props;
  const dialog = useRef<HTMLDivElement>(null);
  // Keys pressed while its content is still being read go to the dialog, not to the screen behind.
  useEffect(() => {
    if (!dialog.current?.contains(globalThis.document.activeElement)) dialog.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="mg-backdrop">
      <div
        ref={dialog}
        tabIndex={-1}
        className="mg-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={keepTabInside}
      >
        <header className="mg-modal-header">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" className="mg-link" aria-label="Dismiss dialog" onClick={onClose}>
            ×
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}
