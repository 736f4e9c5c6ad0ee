// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import questionnaireJson from '../../../packages/service/data/bone-health-questionnaire.json' with { type: 'json' };
import type { Correspondence, PatientLeaflet, Questionnaire } from '../src/booking/booking-types.ts';
import { PatientDocuments } from '../src/booking/patient-documents.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const LETTER: Correspondence = {
  id: '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
  appointmentId: 'a',
  kind: 'appointment_letter',
  recipient: 'Grace Okafor',
  createdAt: '2026-11-30T09:15:00.000Z',
  body: 'Wells Bone Density Service\n\nYOUR BONE DENSITY (DXA) SCAN APPOINTMENT',
};
const LEAFLET: PatientLeaflet = {
  title: 'Your bone density (DXA) scan',
  introduction: 'About your scan.',
  sections: [
    { heading: 'What the scan is for', paragraphs: ['It measures your bones.'], items: [] },
    { heading: 'How you can help us', paragraphs: [], items: ['Telephone us on 01749 123456.'] },
  ],
  contact: {
    heading: 'How to contact us',
    department: {
      name: 'Wells Bone Density Service',
      address: 'Wells Community Hospital',
      telephone: '01749 123456',
      email: null,
    },
  },
};
const QUESTIONNAIRE: Questionnaire = {
  title: 'Bone health questionnaire',
  instructions: 'Tick Yes or No.',
  patient: { name: 'Grace Ada Okafor', birthDate: '1949-11-02', identifier: 'letters-1' },
  appointment: {
    startsAt: '2026-12-08T14:30:00.000Z',
    when: 'Tuesday 8 December 2026 at 14:30',
    location: 'Outpatients, Wells Community Hospital',
  },
  // The service's own list, as the API serves it.
  questions: questionnaireJson.questions.map((q) => ({
    key: q.key,
    text: q.toPatient,
    takesDetail: q.takesDetail,
    writeIn: q.writeIn,
  })),
};

function renderDocuments(): void {
  render(
    <PatientDocuments
      letter={LETTER}
      enclosures={['Information leaflet', 'Bone health questionnaire']}
      leaflet={LEAFLET}
      questionnaire={QUESTIONNAIRE}
    />,
  );
}

/** The tab panels marked for print when window.print runs, by the tab that names them. */
function markedAtPrint(): { calls: string[][]; printingFlag: (string | undefined)[] } {
  const calls: string[][] = [];
  const printingFlag: (string | undefined)[] = [];
  // happy-dom has no print dialog: stand in for it, reading the page as it would print.
  const print = vi.fn(() => {
    printingFlag.push(document.documentElement.dataset.printing);
    calls.push(
      [...document.querySelectorAll('.print-document[data-print="chosen"]')].map(
        (el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? '?',
      ),
    );
  });
  Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true });
  return { calls, printingFlag };
}

describe('the appointment letter with its leaflet and questionnaire', () => {
  it('shows the three documents as tabs: the letter, the leaflet’s headings, the questionnaire’s questions', async () => {
    const user = userEvent.setup();
    renderDocuments();
    const tabs = screen.getAllByRole('tab').map((t) => t.textContent);
    expect(tabs).toEqual(['Appointment letter', 'Information leaflet', 'Questionnaire']);
    expect(screen.getByRole('tabpanel', { name: 'Appointment letter' }).textContent).toBe(LETTER.body);

    await user.click(screen.getByRole('tab', { name: 'Information leaflet' }));
    const leaflet = screen.getByRole('tabpanel', { name: 'Information leaflet' });
    expect(
      within(leaflet)
        .getAllByRole('heading', { level: 4 })
        .map((h) => h.textContent),
    ).toEqual(['What the scan is for', 'How you can help us', 'How to contact us']);
    expect(within(leaflet).getByRole('listitem').textContent).toBe('Telephone us on 01749 123456.');
    expect(leaflet.textContent).toContain('Telephone: 01749 123456');
    expect(screen.queryByRole('tabpanel', { name: 'Appointment letter' })).toBeNull();

    // Keyboard: the arrow key moves to the next tab and shows it.
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Questionnaire' })).toHaveProperty('tabIndex', 0);
    const form = screen.getByRole('tabpanel', { name: 'Questionnaire' });
    expect(form.textContent).toContain('Grace Ada Okafor');
    expect(form.textContent).toContain('2 November 1949');
    expect(form.textContent).toContain(
      'Tuesday 8 December 2026 at 14:30, Outpatients, Wells Community Hospital',
    );
    // Every question of the visit's list, each with its Yes and No boxes labelled by the question.
    const questions = within(form)
      .getAllByRole('list')
      .filter((l) => l.classList.contains('answer-boxes'));
    expect(
      questions.map((l) => document.getElementById(l.getAttribute('aria-labelledby') ?? '')?.textContent),
    ).toEqual(questionnaireJson.questions.map((q) => q.toPatient));
    expect(
      questions.map((l) =>
        within(l)
          .getAllByRole('listitem')
          .map((i) => i.textContent.trim()),
      ),
    ).toEqual(questionnaireJson.questions.map(() => ['Yes', 'No']));
    expect(within(form).getAllByText('Details:')).toHaveLength(
      questionnaireJson.questions.filter((q) => q.writeIn).length,
    );
  });

  it('prints the one on show, or all three a page each, and marks nothing once printed', async () => {
    const user = userEvent.setup();
    const { calls, printingFlag } = markedAtPrint();
    renderDocuments();
    // Before any button, the browser's own Print prints the document on show.
    expect(document.querySelector('[data-print]')?.getAttribute('aria-labelledby')).toBe(
      screen.getByRole('tab', { name: 'Appointment letter' }).id,
    );
    await user.click(screen.getByRole('tab', { name: 'Questionnaire' }));
    await user.click(screen.getByRole('button', { name: 'Print questionnaire' }));
    await user.click(screen.getByRole('button', { name: 'Print all' }));
    expect(calls).toEqual([
      ['Questionnaire'],
      ['Appointment letter', 'Information leaflet', 'Questionnaire'],
    ]);
    expect(printingFlag).toEqual(['chosen', 'chosen']);
    expect(document.documentElement.dataset.printing).toBeUndefined();
    expect(document.querySelectorAll('[data-print="chosen"]')).toHaveLength(0);
  });
});
