/**
 * The editor-flow controls beside the label buttons: document status, undo/redo, span and
 * document navigation, boundary moves and label-all, each a button for the mouse and a key (shown
 * in its tooltip and in the help overlay), plus a status line saying what the last command did.
 */
import type { DocumentStatus } from '../../../electron/contract/types';
import { useReturnFocus } from '../../ui/useReturnFocus';
import { KEY_HELP, type Command } from './commands';

const STATUS_TEXT: Record<DocumentStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

/** A button that keeps the text selection (a mousedown on a button would otherwise clear it). */
function CommandButton(props: { label: string; title: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className="mg-flow-button"
      title={props.title}
      aria-label={props.title}
      onMouseDown={(e) => e.preventDefault()}
      onClick={props.onClick}
    >
      {props.label}
    </button>
  );
}

export function FlowBar(props: {
  status: DocumentStatus;
  message: string;
  spanSelected: boolean;
  onStatus: (status: DocumentStatus) => void;
  onCommand: (command: Command) => void;
}) {
  const run = props.onCommand;
  return (
    <div className="mg-flowbar">
      <CommandButton label="↶" title="Undo (Ctrl+Z)" onClick={() => run({ kind: 'undo' })} />
      <CommandButton label="↷" title="Redo (Ctrl+Shift+Z)" onClick={() => run({ kind: 'redo' })} />
      <CommandButton
        label="Label all…"
        title="Label all occurrences of the selected text (Ctrl+Shift+L)"
        onClick={() => run({ kind: 'labelAll' })}
      />
      <span className="mg-flow-group" role="group" aria-label="Spans">
        <CommandButton
          label="◂ span"
          title="Previous span (Shift+Tab)"
          onClick={() => run({ kind: 'cycleSpan', direction: 'backward' })}
        />
        <CommandButton
          label="span ▸"
          title="Next span (Tab)"
          onClick={() => run({ kind: 'cycleSpan', direction: 'forward' })}
        />
      </span>
      {props.spanSelected && (
        <span className="mg-flow-group" role="group" aria-label="Boundaries of the selected span">
          <CommandButton
            label="⇤["
            title="Move the start one word left ([)"
            onClick={() => run({ kind: 'moveBoundary', edge: 'start', direction: 'backward', unit: 'word' })}
          />
          <CommandButton
            label="[⇥"
            title="Move the start one word right (])"
            onClick={() => run({ kind: 'moveBoundary', edge: 'start', direction: 'forward', unit: 'word' })}
          />
          <CommandButton
            label="⇤]"
            title="Move the end one word left ({)"
            onClick={() => run({ kind: 'moveBoundary', edge: 'end', direction: 'backward', unit: 'word' })}
          />
          <CommandButton
            label="]⇥"
            title="Move the end one word right (})"
            onClick={() => run({ kind: 'moveBoundary', edge: 'end', direction: 'forward', unit: 'word' })}
          />
        </span>
      )}
      <span className="mg-flow-message" aria-live="polite" title={props.message}>
        {props.message}
      </span>
      <label className="mg-field-inline" title="Ctrl+Enter marks the document done">
        Status
        <select
          aria-label="Document status"
          value={props.status}
          onChange={(e) => props.onStatus(e.target.value as DocumentStatus)}
        >
          {Object.entries(STATUS_TEXT).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <CommandButton
        label="◂"
        title="Previous document (Alt+PageUp)"
        onClick={() => run({ kind: 'otherDocument', direction: 'backward' })}
      />
      <CommandButton
        label="▸"
        title="Next document (Alt+PageDown)"
        onClick={() => run({ kind: 'otherDocument', direction: 'forward' })}
      />
      <CommandButton label="?" title="Keyboard help (?)" onClick={() => run({ kind: 'help' })} />
    </div>
  );
}

/** Every key of the editor, read from the same table as the key handler. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  useReturnFocus();
  return (
    <div
      className="mg-overlay"
      role="dialog"
      aria-label="Keyboard help"
      onClick={onClose}
      onKeyDown={(e) => (e.key === 'Escape' || e.key === '?') && onClose()}
    >
      <div className="mg-help" onClick={(e) => e.stopPropagation()}>
        <div className="mg-help-head">
          <h2>Keyboard</h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="mg-help-groups">
          {KEY_HELP.map((group) => (
            <section key={group.group}>
              <h3>{group.group}</h3>
              <dl>
                {group.keys.map(([keys, what]) => (
                  <div key={keys} className="mg-help-row">
                    <dt>
                      <kbd>{keys}</kbd>
                    </dt>
                    <dd>{what}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
