import { describe, expect, it } from 'vitest';
import { storageUnavailableMessage } from './unavailable';

const dom = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('storageUnavailableMessage', () => {
  it('says what each refusal means and what to do, keeping the browser\'s own words', () => {
    expect(storageUnavailableMessage(dom('VersionError', 'The requested version (3) is less than the existing version (9).'))).toMatch(/newer version of HKD Lab \(The requested version \(3\).*Reload with the newer lab/);
    expect(storageUnavailableMessage(dom('SecurityError', 'access denied'))).toMatch(/refuses to store data.*private window.*export a run file/);
    expect(storageUnavailableMessage(dom('InvalidStateError', 'x'))).toMatch(/private window/);
    expect(storageUnavailableMessage(dom('UnknownError', 'Internal error opening backing store'))).toMatch(/failed to open \(Internal error opening backing store\).*disk may be full/);
    expect(storageUnavailableMessage(new Error('boom'))).toBe("The browser's storage (IndexedDB) is not available: boom. Nothing is saved in this browser until this is fixed: export a run file (Export panel) to keep a run.");
  });
});
