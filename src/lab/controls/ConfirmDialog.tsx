// A modal confirmation for changes that reset the run (native <dialog>: focus trap, Escape
// cancels, and an accessible name come with it). It opens with the focus on the dialog itself,
// not on a button: the keystroke that asked (Enter in a field) must not also answer.
import { useEffect, useRef } from 'react';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel?: () => void;
}

export function ConfirmDialog({ request, close }: { request: ConfirmRequest | null; close: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (request && !d.open) {
      d.showModal();
      d.focus();
    }
    if (!request && d.open) d.close();
  }, [request]);
  const cancel = () => {
    request?.onCancel?.();
    close();
  };
  return (
    <dialog
      ref={ref}
      tabIndex={-1}
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      data-testid="confirm-dialog"
      onCancel={(e) => { e.preventDefault(); cancel(); }}
    >
      {request && (
        <>
          <h2 id="confirm-title">{request.title}</h2>
          <p id="confirm-body">{request.body}</p>
          <div className="dialog-buttons">
            <button type="button" onClick={cancel}>Cancel</button>
            <button type="button" className="primary" onClick={() => { close(); request.onConfirm(); }}>{request.confirmLabel}</button>
          </div>
        </>
      )}
    </dialog>
  );
}
