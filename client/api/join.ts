// Joining a project from a link `http://host:port/#token=<t>`: the token is moved from the URL
// into localStorage (so it is not left in history or shared by copy-paste) and reused on reload.

/** localStorage key of the join token. */
export const TOKEN_STORAGE_KEY = 'patchwork.token';

/** The minimal Storage and Location surface this module needs (lets tests pass fakes). */
export interface JoinEnvironment {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  replaceUrl(url: string): void;
}

/**
 * Reads the token from `#token=…` (storing it and removing it from the URL) or, failing that,
 * from localStorage. Returns null when the user has never joined.
 */
export function takeJoinToken(env: JoinEnvironment): string | null {
  const hash = env.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const fromUrl = params.get('token');
  if (fromUrl) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    env.replaceUrl(env.location.pathname + env.location.search + (rest ? `#${rest}` : ''));
    return fromUrl;
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY);
}

/** Forgets the stored token (sign out of this browser). */
export function forgetJoinToken(env: Pick<JoinEnvironment, 'storage'>): void {
  env.storage.removeItem(TOKEN_STORAGE_KEY);
}

/** The browser's own join environment. */
export function browserJoinEnvironment(): JoinEnvironment {
  return {
    storage: window.localStorage,
    location: window.location,
    replaceUrl: (url) => window.history.replaceState(null, '', url),
  };
}
