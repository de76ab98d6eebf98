// A modal confirmation for changes that reset the run (native <dialog>: focus trap, Escape
// cancels, and an accessible name come with it).
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
    if (request && !d.open) d.showModal();
    if (!request && d.open) d.close();
  }, [request]);
  const cancel = () => {
    request?.onCancel?.();
    close();
  };
  return (
    <dialog ref={ref} aria-labelledby="confirm-title" onCancel={(e) => { e.preventDefault(); cancel(); }}>
      {request && (
        <>
          <h2 id="confirm-title">{request.title}</h2>
          <p>{request.body}</p>
          <div className="dialog-buttons">
            <button type="button" onClick={cancel}>Cancel</button>
            <button type="button" className="primary" autoFocus onClick={() => { close(); request.onConfirm(); }}>{request.confirmLabel}</button>
          </div>
        </>
      )}
    </dialog>
  );
}
