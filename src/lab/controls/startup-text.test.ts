import { describe, expect, it } from 'vitest';
import type { StartupView } from '../store/startup-watch';
import { offerLine, PROGRESS_AFTER_MS, progressLine, resumeLine, showsProgress } from './startup-text';

const view = (v: Partial<StartupView>): StartupView => ({
  pref: 'webgpu', backend: 'webgpu', fromStep: 0, resuming: false, elapsedMs: 0, dueMs: 60_000, busy: true, overdue: false, next: 'webgl', ...v,
});

describe('startup text', () => {
  it('adds the whole seconds so far to the worker\'s phase', () => {
    expect(progressLine(view({ elapsedMs: 38_900 }), 'Compiling shaders for webgpu: pass 2 of 4 (run 1 of 3)')).toBe('Compiling shaders for webgpu: pass 2 of 4 (run 1 of 3), 38 s so far');
    expect(progressLine(view({ elapsedMs: 2000 }), 'Loading the dataset…')).toBe('Loading the dataset, 2 s so far');
    expect(progressLine(view({ elapsedMs: 5000 }), '')).toBe('Waiting for the first step on webgpu, 5 s so far');
  });

  it('shows the progress line only while working, and once start-up has taken a while', () => {
    expect(showsProgress(view({ elapsedMs: PROGRESS_AFTER_MS - 1 }))).toBe(false);
    expect(showsProgress(view({ elapsedMs: PROGRESS_AFTER_MS }))).toBe(true);
    expect(showsProgress(view({ elapsedMs: 30_000, busy: false }))).toBe(false);
    expect(showsProgress(null)).toBe(false);
  });

  it('states the deadline and the backend offered', () => {
    expect(offerLine(view({ overdue: true }))).toBe('webgpu has not finished a step in 60 s; switch to webgl?');
    expect(offerLine(view({ backend: 'webgl', next: 'wasm', dueMs: 3000, resuming: true, fromStep: 120 }))).toBe('webgl has not finished a step in 3 s; switch to wasm? The run continues from step 120.');
    expect(offerLine(view({ pref: 'auto', backend: null, next: 'wasm' }))).toMatch(/^auto has not finished a step in 60 s; switch to wasm\?$/);
    expect(offerLine(view({ backend: 'cpu', next: null }))).toMatch(/^cpu has not finished a step in 60 s, and there is no other backend to try/);
  });

  it('a switch names the step it resumes from; a new run has no such line', () => {
    expect(resumeLine(view({ backend: 'webgl', resuming: true, fromStep: 120 }))).toBe('Resuming on webgl from step 120…');
    expect(resumeLine(view({ resuming: false }))).toBeNull();
    expect(resumeLine(null)).toBeNull();
  });
});
