import { useState } from 'react';

/** First run: the local user's name becomes the annotator their spans are stored under. */
export function NamePrompt({ onSubmit }: { onSubmit: (name: string) => void }) {
  const [name, setName] = useState('');
  return (
    <form
      className="mg-card mg-centered"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) onSubmit(name.trim());
      }}
    >
      <h1>Welcome to Marginalia</h1>
      <p>Your annotations are stored under your name, so that a reviewer can tell annotators apart.</p>
      <label className="mg-field">
        Your name
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
      </label>
      <button type="submit" className="mg-primary" disabled={!name.trim()}>
        Continue
      </button>
    </form>
  );
}
