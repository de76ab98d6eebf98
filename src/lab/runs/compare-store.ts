// Which saved runs are picked for an overlay, and which pair is shown.
import { create } from 'zustand';

export const useCompareSaved = create<{ picked: string[]; shown: [string, string] | null }>(() => ({ picked: [], shown: null }));
