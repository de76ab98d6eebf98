// Offline use: the service worker that vite-plugin-pwa generates (vite.config.ts) precaches the
// lab (about 11 MB). It is registered once training has drawn its first step, or a while after
// the lab is ready if nobody presses play, so that precaching does not compete with the first
// load of the dataset and the teacher, nor with the first step.
import { useLab } from '../store/lab-store';

const IDLE_MS = 8_000;

export function registerServiceWorkerWhenReady() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  let done = false;
  let idle: ReturnType<typeof setTimeout> | null = null;
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
    if (s.step > 0) register();
    else if (s.runState !== 'loading' && !idle) idle = setTimeout(register, IDLE_MS);
  });
  // A start-up that never gets ready (an error the page reports) still gets offline use.
  setTimeout(register, 4 * IDLE_MS);
}
