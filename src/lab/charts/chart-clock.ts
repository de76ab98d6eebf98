// Throttled clocks for the charts: they redraw at most `hz` times a second, and only when the
// data they show changed since the last tick, however fast metrics arrive. Curves follow the
// metrics; the probe views (scatter, gallery, per-class bars) follow probe snapshots on a
// slower clock. Components take ticks through startTransition, so React renders the charts in
// interruptible slices instead of one long main-thread task.
import { startTransition, useEffect, useState } from 'react';
import { create } from 'zustand';
import { useLab } from '../store/lab-store';

export const useClockStore = create<{ series: number; probes: number }>(() => ({ series: 0, probes: 0 }));

export interface LabStats {
  chartRefreshes: number;
  firstPointAt: number | null;
}

declare global {
  interface Window {
    __hkdLab?: LabStats;
  }
}

export const CHART_HZ = 5;
export const PROBE_HZ = 1;
let timers: ReturnType<typeof setInterval>[] = [];

export function startChartClock(hz = CHART_HZ, probeHz = PROBE_HZ) {
  if (timers.length) return;
  window.__hkdLab = { chartRefreshes: 0, firstPointAt: null };
  let lastSeries = -1;
  let lastProbes = -1;
  timers = [
    setInterval(() => {
      const v = useLab.getState().seriesVersion;
      if (v === lastSeries) return;
      lastSeries = v;
      window.__hkdLab!.chartRefreshes++;
      useClockStore.setState((s) => ({ series: s.series + 1 }));
    }, 1000 / hz),
    setInterval(() => {
      const v = useLab.getState().probeVersion;
      if (v === lastProbes) return;
      lastProbes = v;
      useClockStore.setState((s) => ({ probes: s.probes + 1 }));
    }, 1000 / probeHz),
  ];
}

/**
 * The current tick of one clock, delivered as a transition (non-blocking) update. `offsetMs`
 * staggers charts within a tick so each redraw is its own short task, not one long one.
 */
export function useTick(clock: 'series' | 'probes', offsetMs = 0): number {
  const [tick, setTick] = useState(() => useClockStore.getState()[clock]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = useClockStore.subscribe((s) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => startTransition(() => setTick(s[clock])), offsetMs);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [clock, offsetMs]);
  return tick;
}
