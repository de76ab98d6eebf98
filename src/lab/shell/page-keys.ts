// The page's keyboard shortcuts: Space (play/pause), P (presenter mode), Escape (leave it).
// spaceAction (keys.ts) decides; this file only reads the DOM and listens.
import { useEffect, useRef } from 'react';
import { togglePlay } from '../store/actions';
import { isPresenterKey, spaceAction, type FocusInfo } from './keys';

// How the focused element got its focus: a pointer press just before, or the keyboard. Tracked
// once for the page, in the capture phase so that no component can hide it.
let lastInputPointer = false;
let focusByPointer = false;
let tracking = false;
function trackFocusOrigin() {
  if (tracking) return;
  tracking = true;
  window.addEventListener('pointerdown', () => (lastInputPointer = true), true);
  window.addEventListener('keydown', (e) => {
    if (e.key !== ' ') lastInputPointer = false;
  }, true);
  window.addEventListener('focusin', () => (focusByPointer = lastInputPointer), true);
}

function focusInfo(t: EventTarget | null): FocusInfo {
  const el = t instanceof HTMLElement ? t : document.body;
  return {
    tag: el.tagName.toLowerCase(),
    type: el instanceof HTMLInputElement ? el.type : undefined,
    contentEditable: el.isContentEditable,
    role: el.getAttribute('role'),
    byPointer: focusByPointer,
  };
}

export function usePageKeys(opts: { blocked: boolean; presenter: boolean; setPresenter: (on: boolean) => void }) {
  const latest = useRef(opts);
  latest.current = opts;
  useEffect(() => {
    trackFocusOrigin();
    // The keyup of a Space we handled: a button activates on keyup, so swallow it too.
    let swallowUp = false;
    const down = (e: KeyboardEvent) => {
      const { blocked, presenter, setPresenter } = latest.current;
      const t = e.target as HTMLElement | null;
      if (blocked || t?.closest?.('dialog')) return;
      const f = focusInfo(t);
      if (e.key === ' ') {
        if (spaceAction(f) !== 'toggle-play') return;
        e.preventDefault();
        swallowUp = true;
        if (!e.repeat) togglePlay();
      } else if (isPresenterKey(e, f)) {
        e.preventDefault();
        setPresenter(!presenter);
      } else if (e.key === 'Escape' && presenter) {
        setPresenter(false);
      }
    };
    const up = (e: KeyboardEvent) => {
      if (e.key === ' ' && swallowUp) {
        e.preventDefault();
        swallowUp = false;
      }
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);
}
