// The Label tab's batch, selection and sampling settings kept in localStorage, so a reload (even
// offline) returns to the same grid.

/** What survives a reload. */
export interface SavedSession {
  batch: number[];
  selected: number;
  labelStatus: string;
  excludeStatus: string;
  subsetBy: string;
  sortBy: string;
  gridSize: number;
}

/** Storage of the saved session (localStorage in the app). */
export interface SessionStore {
  load(): SavedSession | null;
  save(state: SavedSession): void;
}

/** A SessionStore over a Storage key; unreadable content counts as nothing saved. */
export function createSessionStore(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string): SessionStore {
  return {
    load() {
      const text = storage.getItem(key);
      if (!text) return null;
      try {
        const saved = JSON.parse(text) as SavedSession;
        return Array.isArray(saved.batch) && saved.batch.every((r) => Number.isInteger(r)) ? saved : null;
      } catch (error) {
        console.warn('patchwork: ignoring an unreadable saved session', error);
        return null;
      }
    },
    save: (state) => storage.setItem(key, JSON.stringify(state)),
  };
}
