// What the audit trail routes return (packages/service/src/audit/audit-trail.ts).

export const AUDIT_ACTIONS = ['create', 'read', 'update', 'delete', 'sign_in', 'sign_out', 'export'] as const;

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string;
  action: (typeof AUDIT_ACTIONS)[number];
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  fromAddress: string | null;
  outcome: 'success' | 'failure' | 'denied';
  detail: Record<string, unknown>;
  hash: string;
}

export interface AuditTrailPage {
  items: AuditEvent[];
  total: number;
  limit: number;
  offset: number;
}

export interface VerificationStretch {
  afterSeq: number;
  events: number;
  lastSeq: number | null;
  head: { seq: number; hash: string } | null;
  problems: { seq: number; problem: string }[];
  done: boolean;
  totalEvents: number;
  lastSeqInChain: number;
}

export interface AuditTrailFilter {
  actor: string;
  action: string;
  entityType: string;
  fromDate: string;
  toDate: string;
}

/** The query string for a filter and page: only the filters that are set. */
export function auditTrailQuery(filter: AuditTrailFilter, offset: number, limit: number): string {
  const q = new URLSearchParams();
  const keys: readonly (keyof AuditTrailFilter)[] = ['actor', 'action', 'entityType', 'fromDate', 'toDate'];
  for (const key of keys) if (filter[key].trim() !== '') q.set(key, filter[key].trim());
  q.set('limit', String(limit));
  q.set('offset', String(offset));
  return q.toString();
}
