// A button that opens the file picker for one file. The input is reset after each choice so
// picking the same file again (after fixing it) fires again.
export function FileButton({ label, accept, testId, onFile }: { label: string; accept: string; testId: string; onFile: (f: File) => void }) {
  return (
    <label className="file-button">
      {label}
      <input
        type="file"
        accept={accept}
        aria-label={label.replace(/…$/, '')}
        data-testid={testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </label>
  );
}
