// Yields to the worker's event loop so commands (pause, live edits, acks) are handled between
// steps. A MessageChannel task, not setTimeout: timers are clamped and throttled (notably in
// background tabs), and an async step that resolves on microtasks alone would starve messages.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}
