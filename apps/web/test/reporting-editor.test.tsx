// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { terminology } from '../../../packages/reporting/src/reference/terminology-data.ts';
import { loadCase } from '../../../packages/reporting/test/load-case.ts';
import { ReportEditor } from '../src/reporting/report-editor.tsx';
import type { ReportVersions } from '../src/reporting/reporting-types.ts';
import { fakeApi, refusal, type FakeHandler } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ID = '55555555-5555-4555-8555-555555555555';
const BASE = `/api/reports/${ID}`;

// The words to type come from the repository's own terminology data (packages/reporting/data):
// the classification word the approved phrase puts in brackets, and a pronoun the patient does not use.
const BRACKETED = /\(([^)]+)\)/.exec(terminology.approvedOsteopeniaPhrase)?.[1] ?? '';
const SHE_HER = new Set(['she', 'her', 'hers', 'herself']);
const OTHER_PRONOUN = terminology.genderedPronouns.find((p) => !SHE_HER.has(p)) ?? '';
// A stored DXA report context from the reporting package's own test cases, as the API hands it over.
const CASE = loadCase('01-osteoporosis-high-risk').context;
const STORED_CONTEXT = JSON.parse(JSON.stringify(CASE.context)) as Record<string, unknown>;

function report(overrides: Partial<ReportVersions> = {}): ReportVersions {
  return {
    id: ID,
    visitId: 'v-1',
    patientId: 'p-1',
    patientName: 'ASHWORTH, Ruth',
    state: 'draft',
    issuedVersion: null,
    wording: { population: 'adult_t_score', pronouns: { subject: 'she', object: 'her', possessive: 'her' } },
    findings: { bloodTests: [{ test: 'Calcium', result: '2.40 mmol/L' }] },
    versions: [
      {
        version: 1,
        createdAt: '2026-11-27T11:00:00.000Z',
        createdBy: 'Dr Sarah Jones, reporter',
        reason: null,
        signedAt: null,
        signedBy: null,
      },
    ],
    context: STORED_CONTEXT,
    reportDate: '2026-11-23',
    ...overrides,
  };
}

function api(
  versions: () => ReportVersions,
  more: Record<string, FakeHandler> = {},
): ReturnType<typeof fakeApi> {
  return fakeApi({
    [`GET ${BASE}/versions`]: () => ({ body: versions() }),
    [`GET ${BASE}`]: () => ({ body: 'FRACTURE RISK AND BONE DENSITY ASSESSMENT' }),
    [`GET ${BASE}?format=html`]: () => ({ body: '<h1>Report</h1>' }),
    ...more,
  });
}

describe('the report editor', () => {
  it('flags wording the rules forbid as it is typed, and clears the flag once the wording is right', async () => {
    expect(BRACKETED).not.toBe('');
    expect(OTHER_PRONOUN).not.toBe('');
    api(() => report());
    render(<ReportEditor reportId={ID} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    const comment = await screen.findByLabelText("Reporter's comment");
    const flags = (): string => document.getElementById('report-comment-flags')?.textContent ?? '';
    expect(flags()).toBe('No wording to change.');
    await user.type(comment, `The scan shows ${BRACKETED} at the hip.`);
    expect(flags()).toContain(`write "${terminology.approvedOsteopeniaPhrase}", not "${BRACKETED}" alone`);
    expect(document.querySelector('.wording-flags mark')?.textContent).toContain(BRACKETED);
    await user.clear(comment);
    await user.type(comment, `Ask ${OTHER_PRONOUN} to continue.`);
    expect(flags()).toContain(`"${OTHER_PRONOUN}" is not one of the patient's recorded pronouns`);
    await user.clear(comment);
    await user.type(comment, `The scan shows ${terminology.approvedOsteopeniaPhrase} at the hip.`);
    expect(flags()).toBe('No wording to change.');
  });

  it('sends the typed comment with the findings kept; a refusal shows beside the text, which is kept', async () => {
    let refuse = true;
    const message = `findings.reporterComment: write "${terminology.approvedOsteopeniaPhrase}", not "${BRACKETED}" alone (ROS 4.6)`;
    const { sent } = api(() => report(), {
      [`POST ${BASE}/revise`]: () =>
        refuse
          ? refusal(400, 'invalid', message, 'findings.reporterComment')
          : { body: { id: ID, state: 'draft', version: 1, issuedVersion: null, text: '' } },
    });
    render(<ReportEditor reportId={ID} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    const comment = await screen.findByLabelText<HTMLTextAreaElement>("Reporter's comment");
    const typed = `Unchanged ${BRACKETED} since 2024.`;
    await user.type(comment, typed);
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect((await screen.findByText(message)).id).toBe('report-editor-findings-reporterComment-error');
    expect(comment.getAttribute('aria-invalid')).toBe('true');
    expect(comment.getAttribute('aria-describedby')).toContain(
      'report-editor-findings-reporterComment-error',
    );
    expect(comment.value).toBe(typed);
    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    await screen.findByText('The draft is saved.');
    const revisions = sent.filter((s) => s.path === `${BASE}/revise`);
    expect(revisions.map((s) => s.body)).toEqual([
      { findings: { bloodTests: [{ test: 'Calcium', result: '2.40 mmol/L' }], reporterComment: typed } },
      { findings: { bloodTests: [{ test: 'Calcium', result: '2.40 mmol/L' }], reporterComment: typed } },
    ]);
    expect(screen.queryByText(message)).toBeNull();
  });

  it('previews the report as typed, rendered from its stored context, before it is saved', async () => {
    api(() => report());
    render(<ReportEditor reportId={ID} onSessionEnded={() => undefined} />);
    const preview = (): string => document.querySelector('iframe')?.getAttribute('srcdoc') ?? '';
    await screen.findByText('As saved');
    expect(preview()).toBe('"<h1>Report</h1>"');
    const typed = 'Her wrist fracture in July was from a fall from standing.';
    await userEvent.setup().type(await screen.findByLabelText("Reporter's comment"), typed);
    expect(screen.getByText('As typed, not yet saved')).toBeDefined();
    expect(preview()).toContain(`<p>${typed}</p>`);
    expect(preview()).not.toContain('<h1>Report</h1>');
  });

  it('says why signing was refused', async () => {
    const why = 'signing a report needs the reporter entitlement for dxa';
    api(() => report(), { [`POST ${BASE}/sign`]: () => refusal(403, 'forbidden', why) });
    render(<ReportEditor reportId={ID} onSessionEnded={() => undefined} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign report' }));
    expect((await screen.findByRole('alert')).textContent).toBe(why);
  });

  it('amends only with a reason, sending the reason and the comment, then lists both versions', async () => {
    let current = report({
      state: 'signed',
      issuedVersion: 1,
      findings: { bloodTests: [], reporterComment: 'No change.' },
      versions: [
        {
          version: 1,
          createdAt: '2026-11-27T11:00:00.000Z',
          createdBy: 'Dr Sarah Jones, reporter',
          reason: null,
          signedAt: '2026-11-27T11:30:00.000Z',
          signedBy: 'Dr Sarah Jones, reporter',
        },
      ],
    });
    const { sent } = api(() => current, {
      [`POST ${BASE}/amend`]: (r) => {
        const body = r.body as { reason: string };
        current = {
          ...current,
          state: 'amended',
          versions: [
            ...current.versions,
            {
              version: 2,
              createdAt: '2026-11-28T10:00:00.000Z',
              createdBy: 'Dr Sarah Jones, reporter',
              reason: body.reason,
              signedAt: '2026-11-28T10:00:00.000Z',
              signedBy: 'Dr Sarah Jones, reporter',
            },
          ],
        };
        return { body: { id: ID, state: 'amended', version: 2, issuedVersion: 1, text: '' } };
      },
    });
    render(<ReportEditor reportId={ID} onSessionEnded={() => undefined} />);
    const user = userEvent.setup();
    const comment = await screen.findByLabelText("Reporter's comment (for an amendment)");
    await user.clear(comment);
    await user.type(comment, 'Vertebral fracture assessment added.');
    await user.click(screen.getByRole('button', { name: 'Amend and sign' }));
    expect((await screen.findByRole('alert')).textContent).toBe('An amendment gives its reason.');
    expect(screen.getByLabelText('Reason for the amendment').getAttribute('aria-invalid')).toBe('true');
    expect(sent.filter((s) => s.method === 'POST')).toEqual([]);
    await user.type(screen.getByLabelText('Reason for the amendment'), 'VFA result added');
    await user.click(screen.getByRole('button', { name: 'Amend and sign' }));
    await screen.findByText('Version 2 is signed, with its reason.');
    expect(sent.filter((s) => s.method === 'POST')).toEqual([
      {
        method: 'POST',
        path: `${BASE}/amend`,
        body: {
          reason: 'VFA result added',
          findings: { bloodTests: [], reporterComment: 'Vertebral fracture assessment added.' },
        },
      },
    ]);
    await screen.findByText('2 versions kept');
    expect(screen.getByRole('button', { name: 'Issue version 2' })).toBeDefined();
    expect(screen.getByText('VFA result added')).toBeDefined();
  });
});
