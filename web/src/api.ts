/** The browser's client of the SIREN HTTP API: JSON in and out, the CSRF token on every change. */
export interface SessionInfo {
  user: { email: string };
  role: string;
  organisation: string;
  csrfToken: string;
}

export interface Overview {
  sources: { name: string; kind: string; organisation: string; records: number | null; level?: string }[];
  recordsByKind: Record<string, number | null>;
  imports: {
    id: number;
    source: string;
    kind: string;
    fileName: string;
    rowCount: number;
    finishedAt: string;
    unresolvedPlaces: number;
  }[];
  recordsByPlace: Record<string, number>;
  suppressedPlaces: string[];
  suppressionThreshold: number;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  const payload = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const message =
      (payload as { error?: { message?: string } } | undefined)?.error?.message ??
      `${response.status} ${response.statusText}`;
    throw new ApiError(message, response.status);
  }
  return payload as T;
}

export async function currentSession(): Promise<SessionInfo | undefined> {
  try {
    const session = await request<SessionInfo>('GET', '/api/session');
    csrfToken = session.csrfToken;
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<SessionInfo> {
  const session = await request<SessionInfo>('POST', '/api/session', { email, password });
  csrfToken = session.csrfToken;
  return session;
}

export async function signOut(): Promise<void> {
  await request('DELETE', '/api/session');
  csrfToken = undefined;
}

export const fetchOverview = () => request<Overview>('GET', '/api/overview');

export const fetchProvinces = () => request<GeoJSON.FeatureCollection>('GET', '/api/geo/provinces');
