// Dwell time: how long the selected image has been in front of the annotator, counting only time
// while the tab was visible (document.visibilityState). Each label event records it.

/** Where the tracker reads time and visibility (the document in the app, fakes in tests). */
export interface DwellEnvironment {
  now(): number;
  isVisible(): boolean;
  /** Subscribes to visibility changes; returns the unsubscribe function. */
  onVisibilityChange(listener: () => void): () => void;
}

/** Measures visible time since the current image was selected. */
export interface DwellTracker {
  /** Starts measuring for a newly selected image. */
  select(row: number | null): void;
  /** Visible milliseconds since the current image was selected (rounded). */
  elapsed(): number;
  dispose(): void;
}

/** Creates a dwell tracker over `env`. */
export function createDwellTracker(env: DwellEnvironment): DwellTracker {
  let accumulated = 0;
  let visibleSince: number | null = env.isVisible() ? env.now() : null;
  const off = env.onVisibilityChange(() => {
    const visible = env.isVisible();
    if (visible && visibleSince === null) visibleSince = env.now();
    else if (!visible && visibleSince !== null) {
      accumulated += env.now() - visibleSince;
      visibleSince = null;
    }
  });
  return {
    select() {
      accumulated = 0;
      visibleSince = env.isVisible() ? env.now() : null;
    },
    elapsed() {
      const running = visibleSince === null ? 0 : env.now() - visibleSince;
      return Math.max(0, Math.round(accumulated + running));
    },
    dispose: off,
  };
}

/** The browser's dwell environment (performance clock, document visibility). */
export function browserDwellEnvironment(): DwellEnvironment {
  return {
    now: () => performance.now(),
    isVisible: () => document.visibilityState === 'visible',
    onVisibilityChange(listener) {
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  };
}
