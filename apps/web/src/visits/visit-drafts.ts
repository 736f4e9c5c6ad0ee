import { EMPTY_DRAFT, type VisitDraft } from './visit-draft.ts';

// What was typed into each appointment's checklist, kept in this tab's memory only (never stored), so an
// operator sent to Phantom QA by the daily QC gate finds the checklist as they left it on coming back.
const drafts = new Map<string, VisitDraft>();

export function draftFor(appointmentId: string): VisitDraft {
  return drafts.get(appointmentId) ?? EMPTY_DRAFT;
}

export function keepDraft(appointmentId: string, draft: VisitDraft): void {
  drafts.set(appointmentId, draft);
}

/** Once the visit is recorded, its draft is gone. */
export function forgetDraft(appointmentId: string): void {
  drafts.delete(appointmentId);
}

/** Signing out forgets every unsent checklist: the next person at this computer must not see them. */
export function forgetAllDrafts(): void {
  drafts.clear();
}
