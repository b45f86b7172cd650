// Roles a relay token can carry. The relay enforces them on every HTTP request and every Yjs update
// (docs/relay.md lists what each role may write).

/** The four roles, from most to least privileged on the labels document. */
export const ROLES = ['owner', 'annotator', 'viewer', 'trainer'] as const;
/** One role. */
export type Role = (typeof ROLES)[number];

/** Role names as a const object, for readable comparisons (`role === ROLE.owner`). */
export const ROLE = {
  owner: 'owner',
  annotator: 'annotator',
  viewer: 'viewer',
  trainer: 'trainer',
} as const satisfies Record<Role, Role>;

/** True when `s` names a role. */
export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && (ROLES as readonly string[]).includes(s);
}
