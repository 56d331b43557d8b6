// The HTTP client: JSON in and out, the caller's credentials (session cookie + CSRF token, or an API key held in
// memory), and problem details turned into ApiError with a readable message.

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(describe(problem));
  }
}

function describe(p: Problem): string {
  const fields = Object.entries(p.errors ?? {}).map(([path, messages]) => `${path}: ${messages.join("; ")}`);
  return [p.detail ? `${p.title}: ${p.detail}` : p.title, ...fields].join("\n");
}

let key: string | null = null;
let csrf: string | null = null;

/** Cookie sessions send the CSRF token on writes; a key goes in the Authorization header and needs none. */
export function useCredentials(credentials: { key?: string | null; csrf?: string | null }): void {
  key = credentials.key ?? null;
  csrf = credentials.csrf ?? null;
}

export function usesKey(): boolean {
  return key !== null;
}

export interface RequestOptions {
  body?: unknown;
  form?: FormData;
  /** A body sent as it is (a JSON or GeoJSON file the user picked), so the service reports its errors itself. */
  raw?: string;
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json", ...options.headers };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (csrf && method !== "GET") headers["X-CSRF-Token"] = csrf;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.raw !== undefined) {
    headers["Content-Type"] = "application/json";
    body = options.raw;
  }
  else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: "same-origin" });
  } catch {
    throw new ApiError({ status: 0, title: "The service cannot be reached", detail: "Check that it is running and try again." });
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("Content-Type") ?? "";
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}

async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = { status: response.status, title: `${response.status} ${response.statusText || "error"}` };
  const text = await response.text();
  if (!text) return fallback;
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    return { ...fallback, ...parsed, title: parsed.title ?? fallback.title };
  } catch {
    return { ...fallback, detail: text.slice(0, 300) };
  }
}

export const get = <T>(path: string) => request<T>("GET", path);
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>("POST", path, { body, headers });
export const put = <T>(path: string, body: unknown, headers?: Record<string, string>) => request<T>("PUT", path, { body, headers });
export const del = <T>(path: string) => request<T>("DELETE", path);
