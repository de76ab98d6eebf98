import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../train/config';
import { RunLog } from '../runs/run-log';
import { announceChange, CHANGES_CHANNEL, onStorageChange, type StorageChange } from './changes';
import { RunStore, type RunRecord } from './run-store';

const run = (id: string): RunRecord => ({ id, name: id, createdAt: 1, updatedAt: 1, config: defaultConfig(), seed: 1, edits: [], series: new RunLog([]), status: 'paused' });
const images = new Uint8Array([1, 2, 3, 4]);
const dataset = { name: 'x', height: 1, width: 1, channels: 1, classNames: ['a', 'b'], train: { images, labels: new Uint8Array([0, 1, 0, 1]), count: 4 }, test: { images, labels: new Uint8Array([1, 0, 1, 0]), count: 4 }, source: 's', license: 'l' };

/** The next `n` changes heard on the channel (another context's view). */
function hear(n: number): Promise<StorageChange[]> {
  return new Promise((resolve) => {
    const got: StorageChange[] = [];
    const stop = onStorageChange((c) => {
      got.push(c);
      if (got.length === n) {
        stop();
        resolve(got);
      }
    });
  });
}

describe('storage changes', () => {
  it('a connection reports each change it made, once it has landed, and nothing for a change that failed', async () => {
    const seen: StorageChange[] = [];
    const s = await RunStore.open('changes-1', { onChange: (c) => seen.push(c) });
    await s.save(run('a'));
    await s.rename('a', 'renamed');
    await expect(s.rename('missing', 'x')).rejects.toThrow(/no saved run/);
    await s.saveDataset('imp-x', dataset);
    await s.deleteDataset('imp-x');
    await s.delete('a');
    expect(seen).toEqual([
      { kind: 'run', id: 'a', op: 'saved' },
      { kind: 'run', id: 'a', op: 'renamed' },
      { kind: 'dataset', id: 'imp-x', op: 'saved' },
      { kind: 'dataset', id: 'imp-x', op: 'deleted' },
      { kind: 'run', id: 'a', op: 'deleted' },
    ]);
    s.close();
  });

  it('an announcement reaches the other contexts that listen; a stray message on the channel is ignored', async () => {
    const heard = hear(2);
    const stray = new BroadcastChannel(CHANGES_CHANNEL);
    stray.postMessage({ kind: 'run', id: 7, op: 'saved' });
    stray.postMessage('hello');
    announceChange({ kind: 'run', id: 'r1', op: 'saved' });
    announceChange({ kind: 'dataset', id: 'd1', op: 'deleted' });
    expect(await heard).toEqual([
      { kind: 'run', id: 'r1', op: 'saved' },
      { kind: 'dataset', id: 'd1', op: 'deleted' },
    ]);
    stray.close();
  });
});
