// "Copy link": the address always holds the whole configuration (config/url-sync.ts), so sharing
// is copying it. Where the clipboard is refused (no permission, plain http), the link is shown
// selected for the user to copy by hand.
import { useState } from 'react';

/** Copies a text to the clipboard; 'manual' when the clipboard is refused (the caller shows the text). */
export function useCopy() {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      setTimeout(() => setState('idle'), 2500);
    } catch {
      setState('manual');
    }
  };
  return { state, copy };
}

export function ShareLink() {
  const { state, copy } = useCopy();
  const [link, setLink] = useState('');
  const share = () => {
    const href = window.location.href;
    setLink(href);
    void copy(href);
  };
  return (
    <div className="share-link">
      <button type="button" onClick={share} data-testid="copy-link" title="Copy a link to this experiment: it holds every setting and the seed">
        {state === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      {state === 'manual' && (
        <label>
          Copy this link:{' '}
          <input type="text" readOnly value={link} data-testid="share-url" onFocus={(e) => e.target.select()} autoFocus size={40} />
        </label>
      )}
    </div>
  );
}
