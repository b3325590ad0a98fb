/** A modal dialog over the project screen; Escape or the close button closes it, and focus goes back. */
import { useEffect, useId, type ReactNode } from 'react';
import { useReturnFocus } from './useReturnFocus';

export function Modal(props: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  useReturnFocus();
  const { onClose } = props;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="mg-backdrop">
      <div className="mg-modal" role="dialog" aria-modal="true" aria-labelledby={titleId}>
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
