// Who is signed in, and what their role may do (the page offers only that; the API refuses the rest anyway).
import { ApiError, get, post, request, useCredentials } from "./api";

export interface Me {
  id: string;
  name: string;
  role: string;
}

interface SessionAnswer extends Me {
  csrfToken: string;
}

const ranks = ["viewer", "hr", "planner", "manager", "admin"];
let current: Me | null = null;

export function me(): Me | null {
  return current;
}

const atLeast = (role: string) => current !== null && ranks.indexOf(current.role) >= ranks.indexOf(role);
export const may = {
  plan: () => atLeast("planner"),
  hire: () => atLeast("hr"),
  manage: () => atLeast("manager"),
  administer: () => atLeast("admin"),
  /** Changing a scenario, or cancelling its runs: its owner, a manager or an admin. */
  change: (ownerId: string | null | undefined) => atLeast("planner") && (ownerId === current?.id || atLeast("manager")),
};

/** Picks up a session cookie from an earlier visit; null when there is none. */
export async function resume(): Promise<Me | null> {
  try {
    const session = await get<SessionAnswer>("/api/v1/session");
    useCredentials({ csrf: session.csrfToken });
    return (current = { id: session.id, name: session.name, role: session.role });
  } catch (error) {
    if (error instanceof ApiError && (error.problem.status === 401 || error.problem.status === 404)) return null;
    throw error;
  }
}

export async function signIn(name: string, password: string): Promise<Me> {
  const session = await post<SessionAnswer>("/api/v1/session", { name, password });
  useCredentials({ csrf: session.csrfToken });
  return (current = { id: session.id, name: session.name, role: session.role });
}

/** An API key (the bootstrap admin has only one) is kept in memory for this tab, never stored. */
export async function signInWithKey(key: string): Promise<Me> {
  useCredentials({ key });
  try {
    return (current = await get<Me>("/api/v1/me"));
  } catch (error) {
    useCredentials({});
    throw error;
  }
}

export async function signOut(): Promise<void> {
  if (current) await request("DELETE", "/api/v1/session").catch(() => undefined);
  useCredentials({});
  current = null;
}
