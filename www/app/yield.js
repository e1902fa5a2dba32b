// Yielding to the browser between slices of a long job (rendering a long
// article, packing it for the store), so that no task is long: input,
// rendering (when a frame is due) and other tasks run in between. A message
// on a MessageChannel, not setTimeout: no 4 ms clamp after a few nested calls,
// and unlike scheduler.yield() it does not run ahead of rendering.

const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
const waiting = [];
if (channel) {
  channel.port1.onmessage = () => {
    waiting.shift()?.();
    // Under Node (the unit tests), an open port keeps the process alive: only while someone waits.
    if (!waiting.length) channel.port1.unref?.();
  };
  channel.port1.unref?.();
}

/** Resolves in a new task. */
export function yieldToBrowser() {
  if (!channel) return new Promise((ok) => setTimeout(ok, 0));
  return new Promise((ok) => {
    waiting.push(ok);
    channel.port1.ref?.();
    channel.port2.postMessage(0);
  });
}

/** A clock for slices: `due()` is true once `ms` have passed since the slice began (then a new one begins). */
export function slicer(ms = 25) {
  let t0 = performance.now();
  return {
    due() {
      const now = performance.now();
      if (now - t0 < ms) return false;
      t0 = now;
      return true;
    },
    restart() { t0 = performance.now(); },
  };
}
