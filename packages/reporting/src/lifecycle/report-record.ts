import type { ReportDocument } from '../document/report-document.ts';
import { REPORTER_SECTION_ID, UNSIGNED_TEXT } from '../document/reporter-section.ts';

// A report's life: draft → signed → amended (ROS 4.6: a written, signed clinical evaluation; an
// amendment never overwrites what was issued, it adds a version with its reason). Pure functions over
// immutable records; the service stores them and audits each call.

export type ReportState = 'draft' | 'signed' | 'amended';

export interface ReportVersion {
  version: number;
  document: ReportDocument;
  createdAt: string;
  createdBy: string;
  /** Why this version replaced the one before (amendments only). */
  reason: string | null;
  signedAt: string | null;
  signedBy: string | null;
}

export interface ReportRecord {
  state: ReportState;
  versions: readonly ReportVersion[];
}

export type LifecycleResult = { ok: true; record: ReportRecord } | { ok: false; error: string };

function withSignature(document: ReportDocument, by: string, at: string): ReportDocument {
  return {
    ...document,
    sections: document.sections.map((s) =>
      s.id !== REPORTER_SECTION_ID
        ? s
        : {
            ...s,
            blocks: s.blocks.map((b) =>
              b.kind !== 'fields'
                ? b
                : {
                    ...b,
                    fields: b.fields.map((f) =>
                      f.value === UNSIGNED_TEXT
                        ? { ...f, value: `electronically signed by ${by} at ${at}` }
                        : f,
                    ),
                  },
            ),
          },
    ),
  };
}

export function latestVersion(record: ReportRecord): ReportVersion {
  const last = record.versions[record.versions.length - 1];
  if (last === undefined) throw new Error('a report record always holds at least one version');
  return last;
}

export function createDraft(document: ReportDocument, by: string, at: string): ReportRecord {
  return {
    state: 'draft',
    versions: [
      { version: 1, document, createdAt: at, createdBy: by, reason: null, signedAt: null, signedBy: null },
    ],
  };
}

/** Replace the draft's content; a signed report can only be amended. */
export function reviseDraft(
  record: ReportRecord,
  document: ReportDocument,
  by: string,
  at: string,
): LifecycleResult {
  if (record.state !== 'draft')
    return { ok: false, error: `the report is ${record.state}: amend it instead` };
  const last = latestVersion(record);
  return {
    ok: true,
    record: {
      ...record,
      versions: [...record.versions.slice(0, -1), { ...last, document, createdAt: at, createdBy: by }],
    },
  };
}

/** Sign the draft: its content is fixed from now on. */
export function signReport(record: ReportRecord, by: string, at: string): LifecycleResult {
  if (record.state !== 'draft') return { ok: false, error: `the report is already ${record.state}` };
  const last = latestVersion(record);
  const signed: ReportVersion = {
    ...last,
    document: withSignature(last.document, by, at),
    signedAt: at,
    signedBy: by,
  };
  return { ok: true, record: { state: 'signed', versions: [...record.versions.slice(0, -1), signed] } };
}

/** Issue a new signed version of a signed report, with the reason; earlier versions are kept. */
export function amendReport(
  record: ReportRecord,
  document: ReportDocument,
  reason: string,
  by: string,
  at: string,
): LifecycleResult {
  if (record.state === 'draft') return { ok: false, error: 'a draft is revised, not amended' };
  if (reason.trim().length === 0) return { ok: false, error: 'an amendment must give its reason' };
  const previous = latestVersion(record);
  if (at < (previous.signedAt ?? previous.createdAt))
    return { ok: false, error: 'an amendment cannot predate the version it amends' };
  const next: ReportVersion = {
    version: previous.version + 1,
    document: withSignature(document, by, at),
    createdAt: at,
    createdBy: by,
    reason: reason.trim(),
    signedAt: at,
    signedBy: by,
  };
  return { ok: true, record: { state: 'amended', versions: [...record.versions, next] } };
}
