import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportCommand } from '../contract';
import { useLab } from '../store/lab-store';
import { useLibrary } from '../store/library';
import { startImport, useImportRefusal } from './DataPanel';

/** The import worker, as far as the page sees it: what it was sent. */
const sent: ImportCommand[] = [];
class FakeWorker {
  onmessage: unknown = null;
  onerror: unknown = null;
  postMessage(cmd: ImportCommand) {
    sent.push(cmd);
  }
  terminate() {}
}
vi.stubGlobal('Worker', FakeWorker);

const file = (name: string) => new File([new Uint8Array(4)], name);

afterEach(() => {
  sent.length = 0;
  useLibrary.setState({ job: null });
  useImportRefusal.setState({ message: null });
});

describe('startImport (picker, drop zone and page-wide drop)', () => {
  it('sends the files with the panel’s settings and the run’s seed', () => {
    const lab = useLab.getState();
    useLab.setState({ config: { ...lab.config, cold: { ...lab.config.cold, seed: 42 } }, applied: null });
    expect(startImport([file('a.bin')])).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0].files.map((f) => f.name)).toEqual(['a.bin']);
    expect(sent[0].settings).toMatchObject({ seed: 42, testFraction: 0.2 });
    expect(useLibrary.getState().job).toMatchObject({ state: 'running', files: 'a.bin' });
  });

  it('refuses a drop while an import is running, with a message naming both', () => {
    expect(startImport([file('first.tar.gz')])).toBe(true);
    expect(startImport([file('second.zip')])).toBe(false);
    expect(sent).toHaveLength(1);
    expect(useLibrary.getState().job?.files).toBe('first.tar.gz');
    expect(useImportRefusal.getState().message).toMatch(/^second\.zip not imported: first\.tar\.gz is still being imported/);
  });

  it('imports again once the running import has ended, and clears the message', () => {
    startImport([file('first.tar.gz')]);
    startImport([file('second.zip')]);
    useLibrary.setState({ job: { ...useLibrary.getState().job!, state: 'done' } });
    expect(startImport([file('second.zip')])).toBe(true);
    expect(sent.map((c) => c.files[0].name)).toEqual(['first.tar.gz', 'second.zip']);
    expect(useImportRefusal.getState().message).toBeNull();
  });

  it('ignores an empty drop', () => {
    expect(startImport([])).toBe(false);
    expect(startImport(null)).toBe(false);
    expect(sent).toEqual([]);
  });
});

describe('import progress', () => {
  it('reads as sizes or counts', async () => {
    const { amount } = await import('./DataPanel');
    expect(amount(12_345_678, 'bytes')).toBe('12.3 MB');
    expect(amount(45_000, 'bytes')).toBe('45 kB');
    expect(amount(1200, 'images')).toBe('1,200 images');
  });
});
