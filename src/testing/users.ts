/**
 * Users as bodies and queries name them: a gid, "me" or an email. The fake models one user behind
 * the token, "me": the first user seeded (none until one is).
 */
import { listOfItems } from "./body.ts";
import { badRequest } from "./http.ts";
import type { FakeState } from "./model.ts";

export const me = (state: FakeState): string | null => state.users.keys().next().value ?? null;

/** The gid a gid, "me" or an email (case-insensitive) names, if any. */
export function findUser(state: FakeState, value: unknown): string | undefined {
  if (typeof value === "number") value = String(value);
  if (typeof value !== "string") return undefined;
  if (value === "me") return me(state) ?? undefined;
  if (state.users.has(value)) return value;
  if (!value.includes("@")) return undefined;
  const email = value.toLowerCase();
  for (const user of state.users.values()) if (user.email.toLowerCase() === email) return user.gid;
  return undefined;
}

/** A user in a body: unknown ones answer 400. */
export function userOf(state: FakeState, field: string, value: unknown): string {
  const gid = findUser(state, value);
  if (gid === undefined) throw badRequest(`${field}: Unknown object: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return gid;
}

/** Distinct users, in the order given. */
export function userList(state: FakeState, field: string, value: unknown): string[] {
  return [...new Set(listOfItems(field, value).map((item) => userOf(state, field, item)))];
}
