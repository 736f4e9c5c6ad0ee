export type AuditAction = 'create' | 'read' | 'update' | 'delete' | 'sign_in' | 'sign_out' | 'export';
export type AuditOutcome = 'success' | 'failure' | 'denied';

/** What happened: who (and in which roles), did what, to which record of which patient, from where. */
export interface AuditEventInput {
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  fromAddress: string | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
}

export interface AuditEventRecord extends AuditEventInput {
  seq: number;
  prevHash: string;
  hash: string;
}
