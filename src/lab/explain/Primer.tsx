// A first-visit primer: the four words the lab uses everywhere (teacher, student, hint,
// meta-weight), before any jargon. Dismissed once, it stays closed (primer-state.ts) until
// "What is this?" in the top bar opens it again.
import { useEffect, useRef } from 'react';

function Picture() {
  const arrow = (y: number, label: string) => (
    <g>
      <line x1="108" y1={y} x2="240" y2={y} stroke="#333" strokeWidth="3" markerEnd="url(#primer-arrow)" />
      <text x="113" y={y - 8} fontSize="11.5" fill="#111">{label}</text>
      <circle cx="222" cy={y} r="9" fill="#fff" stroke="#a05a00" strokeWidth="2.5" />
      <line x1="222" y1={y} x2="227" y2={y - 6} stroke="#a05a00" strokeWidth="2.5" strokeLinecap="round" />
    </g>
  );
  return (
    <svg className="primer-picture" viewBox="0 0 340 124" role="img" aria-label="A large teacher network passes two hints to a small student network; a dial on each hint sets how much the student follows it.">
      <defs>
        <marker id="primer-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0 0 L10 5 L0 10 z" fill="#333" />
        </marker>
      </defs>
      <rect x="4" y="14" width="102" height="90" rx="10" fill="#e6f0fa" stroke="#0057a3" strokeWidth="2.5" />
      <text x="55" y="64" fontSize="16" fontWeight="700" textAnchor="middle" fill="#0057a3">Teacher</text>
      <rect x="248" y="34" width="88" height="52" rx="10" fill="#fff3d6" stroke="#a05a00" strokeWidth="2.5" />
      <text x="292" y="65" fontSize="15" fontWeight="700" textAnchor="middle" fill="#5c3400">Student</text>
      {arrow(44, 'hint: its guesses')}
      {arrow(84, 'hint: its features')}
      <text x="222" y="114" fontSize="11.5" textAnchor="middle" fill="#5c3400">meta-weights</text>
    </svg>
  );
}

export function Primer({ open, focusOnOpen, onClose }: { open: boolean; focusOnOpen: boolean; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (open && focusOnOpen) {
      heading.current?.focus();
      heading.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [open, focusOnOpen]);
  if (!open) return null;
  return (
    <section className="card primer" aria-labelledby="primer-title" data-testid="primer">
      <h2 id="primer-title" ref={heading} tabIndex={-1}>New here? Four words first</h2>
      <Picture />
      <p>
        The <strong>teacher</strong> is a large network that already recognises these images well. The <strong>student</strong> is a
        small network that learns the same task here, in your browser, from the labels and from the teacher. A <strong>hint</strong> is
        something the teacher shows the student besides the right answer: its softened guesses (KD), its inner features (FitNet) or
        where it looks (AT). A <strong>meta-weight</strong> network decides, for every image and every hint, how much the student
        follows that hint, and learns this from whether following it helps the student on fresh images.
      </p>
      <div className="primer-buttons">
        <button type="button" className="primary" onClick={onClose} data-testid="primer-close">Got it</button>
      </div>
    </section>
  );
}
