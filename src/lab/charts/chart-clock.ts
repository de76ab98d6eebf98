// Throttled clocks for the charts: they redraw at most `hz` times a second, and only when the
// data they show changed since the last tick, however fast metrics arrive. Curves follow the
// metrics; the probe views (scatter, gallery, per-class bars) follow probe snapshots on a
// slower clock. Components take ticks through startTransition, so React renders the charts in
// interruptible slices, and one chart at a time (redraw-queue.ts), so that no task holds the
// work of two.
import { startTransition, useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import { useLab } from '../store/lab-store';
import { RedrawQueue, type Turn } from './redraw-queue';

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

const redraws = new RedrawQueue({
  frame: (cb) => requestAnimationFrame(cb),
  later: (cb, ms) => setTimeout(cb, ms),
  cancel: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
});

/**
 * The current tick of one clock, delivered as a transition (non-blocking) update when this
 * chart's turn in the redraw queue comes; the chart's commit ends its turn.
 */
export function useTick(clock: 'series' | 'probes'): number {
  const [tick, setTick] = useState(() => useClockStore.getState()[clock]);
  const shown = useRef(tick);
  const turn = useRef<Turn | null>(null);
  useEffect(() => {
    const t = redraws.turn(() => {
      const next = useClockStore.getState()[clock];
      if (next === shown.current) return false;
      startTransition(() => setTick(next));
      return true;
    });
    turn.current = t;
    const unsubscribe = useClockStore.subscribe((s, prev) => {
      if (s[clock] !== prev[clock]) t.request();
    });
    return () => {
      unsubscribe();
      t.cancel();
    };
  }, [clock]);
  useEffect(() => {
    shown.current = tick;
    turn.current?.done();
  }, [tick]);
  return tick;
}
