/** The browser's client of the SIREN HTTP API: JSON in and out, the CSRF token on every change. */
export interface SessionInfo {
  user: { email: string };
  role: string;
  organisation: string;
  csrfToken: string;
  /** What the role may do: the app shows only the pages these allow. */
  permissions: string[];
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

/** A record as the caller may see it: personal fields only at the `full` level. */
export interface RecordView {
  id: number;
  source: string;
  kind: string;
  level: 'full' | 'pseudonymised';
  pseudonym: string;
  recordKey: string | null;
  placeCode: string | null;
  eventDate: string | null;
  fields: Record<string, unknown>;
  personal?: Record<string, unknown>;
}

/** One step of a pair's match weight: the prior, then each field's log2 contribution. */
export interface WaterfallStep {
  step: string;
  kind: 'prior' | 'comparison' | 'termFrequency';
  field: string | null;
  level: string | null;
  m: number | null;
  u: number | null;
  weight: number;
  cumulative: number;
  left: string | null;
  right: string | null;
}

export interface ExplainedPair {
  left: RecordView;
  right: RecordView;
  probability: number;
  weight: number;
  steps: WaterfallStep[];
}

export type PairDecision = 'confirm' | 'reject';

export interface DecisionResult {
  decision: { id: number; left: number; right: number; decision: PairDecision; note: string | null };
  history: number[];
  entities: { left: number; right: number };
}

export interface EntityHistoryEntry {
  id: number;
  entityId: number;
  action: 'create' | 'merge' | 'split' | 'add' | 'remove' | 'undo';
  details: { records: number[]; reason: string; reasonKind: 'score' | 'decision' | 'undo'; undoes?: number };
  actor: string;
  at: string;
  undoneBy: number | null;
}

export interface EntityView {
  id: number;
  kind: string;
  status: string;
  mergedInto: number | null;
  createdAt: string;
  members: RecordView[];
  hiddenMembers: number;
  links: ExplainedPair[];
  history: EntityHistoryEntry[];
}

export const fetchCandidates = (range: { lower: number; upper: number; limit: number }) =>
  request<{ items: ExplainedPair[] }>(
    'GET',
    `/api/linkage/candidates?lower=${range.lower}&upper=${range.upper}&limit=${range.limit}`,
  );

export const decidePair = (left: number, right: number, decision: PairDecision, note: string) =>
  request<DecisionResult>('POST', '/api/linkage/decisions', {
    left,
    right,
    decision,
    ...(note.trim() ? { note: note.trim() } : {}),
  });

export const fetchEntity = (id: number) => request<EntityView>('GET', `/api/entities/${id}`);

export const undoHistory = (id: number) =>
  request<{ undone: number; history: number; entities: number[] }>(
    'POST',
    `/api/entities/history/${id}/undo`,
  );

export interface EstimateHeadline {
  label: string;
  estimate: number;
  lower: number | null;
  upper: number | null;
  level: number | null;
}

export interface EstimateRunSummary {
  id: number;
  method: string;
  inputHash: string;
  inputSource: string | null;
  seed: number | null;
  codeVersion: string;
  createdBy: string | null;
  createdAt: string;
  jobId: number | null;
  headline: EstimateHeadline | null;
}

export interface EstimateRun extends EstimateRunSummary {
  parameters: Record<string, unknown>;
  results: Record<string, unknown>;
  warnings: string[];
}

export interface Job {
  id: number;
  kind: 'estimate' | 'reproduce';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  runId: number | null;
  reproduction: {
    originalRunId: number;
    identical: boolean;
    differences: string[];
    originalCodeVersion: string;
    codeVersion: string;
  } | null;
  error: string | null;
  finishedAt: string | null;
}

export const fetchEstimateRuns = () => request<{ items: EstimateRunSummary[] }>('GET', '/api/estimates');

export const fetchEstimateRun = (id: number) => request<EstimateRun>('GET', `/api/estimates/${id}`);

export const reproduceEstimateRun = (id: number) =>
  request<{ jobId: number }>('POST', `/api/estimates/${id}/reproduce`);

export const fetchJob = (id: number) => request<Job>('GET', `/api/jobs/${id}`);
