// Offline use: the service worker that vite-plugin-pwa generates (vite.config.ts) precaches the
// lab. It is registered once the lab is first ready, so that precaching (about 11 MB) does not
// compete with the first load of the dataset and the teacher.
import { useLab } from '../store/lab-store';

export function registerServiceWorkerWhenReady() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  let done = false;
  const register = () => {
    if (done) return;
    done = true;
    unsubscribe();
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch((e: unknown) => {
      // Not fatal: the lab works online without it (and some contexts forbid service workers).
      console.warn(`Offline use is unavailable: ${(e as Error).message}`);
    });
  };
  const unsubscribe = useLab.subscribe((s) => {
    if (s.runState !== 'loading') register();
  });
  if (useLab.getState().runState !== 'loading') register();
  // A start-up that never gets ready (an error the page reports) still gets offline use.
  setTimeout(register, 30_000);
}
