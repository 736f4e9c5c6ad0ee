// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScanVisitForm } from '../src/visits/scan-visit-form.tsx';
import { forgetDraft } from '../src/visits/visit-drafts.ts';
import type { DayListEntry, ScannerStatus } from '../src/visits/visit-types.ts';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  forgetDraft(APPOINTMENT_ID);
});

const APPOINTMENT_ID = '5d0c7f8e-2c1a-4c51-9a43-6f1f2b3c4d5e';

const entry: DayListEntry = {
  appointment: {
    id: APPOINTMENT_ID,
    scannerId: 'DXA-1',
    startsAt: '2026-11-30T09:30:00.000Z',
    durationMinutes: 30,
    state: 'booked',
  },
  patient: {
    id: 'p-1',
    identifier: '732 111 9087',
    familyName: 'Price',
    givenNames: 'Helen',
    birthDate: '1988-05-05',
    address: '087 High Street, Bath',
    sex: 'female',
    pronouns: null,
    ageYears: 38,
  },
  examination: 'dxa',
  pregnancyEnquiryAge: true,
  visit: null,
};

function scanner(dailyQcToday: ScannerStatus['dailyQcToday']): ScannerStatus {
  return {
    id: 'DXA-1',
    modality: 'dxa',
    model: 'Horizon A',
    location: 'Bath',
    dailyQcToday,
    withEngineer: false,
    awaitingRelease: false,
  };
}

function renderForm(
  qc: ScannerStatus['dailyQcToday'],
  onRecorded = vi.fn(),
  state: Partial<ScannerStatus> = {},
): void {
  render(
    <ScanVisitForm
      entry={entry}
      scanner={{ ...scanner(qc), ...state }}
      enquiryAgeYears={{ from: 12, to: 55 }}
      onRecorded={onRecorded}
      onSessionEnded={() => undefined}
    />,
  );
}

/** Fills the checklist for a patient who could be pregnant, scanned at the spine and left hip. */
async function fillChecklist(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.click(screen.getByLabelText('Name confirmed: Helen Price'));
  await user.click(screen.getByLabelText('Date of birth confirmed: 1988-05-05'));
  await user.click(screen.getByLabelText('Address confirmed: 087 High Street, Bath'));
  await user.click(screen.getByLabelText('The examination confirmed: DXA scan as referred'));
  await user.click(screen.getByLabelText('Yes: could be pregnant'));
  await user.selectOptions(screen.getByLabelText('Pregnancy status'), 'not_pregnant');
  await user.type(screen.getByLabelText('First day of last period (if any)'), '2026-11-10');
  await user.selectOptions(screen.getByLabelText('Steroid tablets (such as prednisolone)?'), 'yes');
  await user.type(
    screen.getByLabelText('Details: Steroid tablets (such as prednisolone)?'),
    'prednisolone 5 mg',
  );
  await user.type(screen.getByLabelText('Height (cm)'), '162.5');
  await user.type(screen.getByLabelText('Weight (kg)'), '58.2');
  await user.click(screen.getByLabelText('The patient consents to the scan'));
  await user.click(screen.getByLabelText('Lumbar spine'));
  await user.click(screen.getByLabelText('Left hip'));
}

describe('the scan visit checklist', () => {
  it('says before anything is sent that the scanner cannot scan until its daily QC passes, with a link to QC', () => {
    renderForm('not_done');
    const gates = screen.getAllByText(
      "Today's daily QC on DXA-1 has not been done: no patient scan can be recorded until it passes (ROS 5.1).",
    );
    // At the top and again beside the sites scanned.
    expect(gates).toHaveLength(2);
    const links = screen.getAllByRole('link', { name: "Record today's phantom scan on Phantom QA" });
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['#/phantom-qa', '#/phantom-qa']);
  });

  it('says a scanner being commissioned cannot scan until released, and sends no one to QC for it', () => {
    renderForm('passed', vi.fn(), { awaitingRelease: true });
    expect(
      screen.getAllByText(
        'DXA-1 is being commissioned and has not been released for clinical use by the medical physics expert (ROS Appendix 3).',
      ),
    ).toHaveLength(2);
    expect(screen.queryByRole('link', { name: "Record today's phantom scan on Phantom QA" })).toBeNull();
  });

  it('shows no gate when the daily QC has passed', () => {
    renderForm('passed');
    expect(screen.queryByText(/daily QC on DXA-1/)).toBeNull();
  });

  it('sends the checklist as the API reads it, shows a refusal beside its field and keeps what was typed', async () => {
    const { sent } = fakeApi({
      'POST /api/visits': () =>
        refusal(
          400,
          'invalid',
          'pregnancy.signedBy: the patient signs the pregnancy enquiry',
          'pregnancy.signedBy',
        ),
    });
    const user = userEvent.setup();
    renderForm('passed');
    await fillChecklist(user);
    await user.click(screen.getByRole('button', { name: 'Record the visit' }));

    const signedBy = screen.getByLabelText('Signed by the patient (name)');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'pregnancy.signedBy: the patient signs the pregnancy enquiry',
    );
    expect(signedBy.getAttribute('aria-invalid')).toBe('true');
    expect(signedBy.getAttribute('aria-describedby')).toBe(screen.getByRole('alert').id);
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/visits',
        body: {
          appointmentId: APPOINTMENT_ID,
          identity: { name: true, birthDate: true, address: true, examination: true },
          pregnancy: {
            childBearingCapacity: true,
            status: 'not_pregnant',
            lastMenstrualPeriod: '2026-11-10',
            signedBy: null,
          },
          questionnaire: { steroidTablets: { answer: 'yes', detail: 'prednisolone 5 mg' } },
          heightCm: 162.5,
          weightKg: 58.2,
          consent: true,
          contraindications: { recentNuclearMedicine: false, recentContrast: false, metalwork: null },
          sitesScanned: ['lumbar_spine', 'left_hip'],
          repeatOrExtraScans: null,
          operatorNotes: null,
        },
      },
    ]);
    // Nothing typed is lost.
    expect(screen.getByLabelText<HTMLInputElement>('Height (cm)').value).toBe('162.5');
    expect(screen.getByLabelText<HTMLInputElement>('Weight (kg)').value).toBe('58.2');
    expect(screen.getByLabelText<HTMLSelectElement>('Pregnancy status').value).toBe('not_pregnant');
    expect(screen.getByLabelText<HTMLInputElement>('Name confirmed: Helen Price').checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Left hip').checked).toBe(true);
    expect(
      screen.getByLabelText<HTMLInputElement>('Details: Steroid tablets (such as prednisolone)?').value,
    ).toBe('prednisolone 5 mg');
  });

  it("shows the API's QC refusal beside the sites with the way to QC, keeping the checklist", async () => {
    const message = "no patient scan may be recorded on DXA-1: today's daily QC has not passed (ROS 5.1)";
    fakeApi({ 'POST /api/visits': () => refusal(409, 'conflict', message, 'appointmentId') });
    const user = userEvent.setup();
    renderForm('passed');
    await fillChecklist(user);
    await user.type(screen.getByLabelText('Signed by the patient (name)'), 'Helen Price');
    await user.click(screen.getByRole('button', { name: 'Record the visit' }));
    const sites = screen.getByRole('group', { name: 'Sites scanned' });
    expect((await within(sites).findByRole('alert')).textContent).toBe(message);
    expect(
      within(sites)
        .getByRole('link', { name: "Go to Phantom QA to record today's phantom scan" })
        .getAttribute('href'),
    ).toBe('#/phantom-qa');
    expect(screen.getByLabelText<HTMLInputElement>('Signed by the patient (name)').value).toBe('Helen Price');
  });

  it('keeps the checklist when the operator goes to Phantom QA and comes back', async () => {
    const message = "no patient scan may be recorded on DXA-1: today's daily QC has not passed (ROS 5.1)";
    fakeApi({ 'POST /api/visits': () => refusal(409, 'conflict', message, 'appointmentId') });
    const user = userEvent.setup();
    renderForm('not_done');
    await fillChecklist(user);
    await user.click(screen.getByRole('button', { name: 'Record the visit' }));
    await screen.findByRole('alert');
    cleanup();
    renderForm('passed');
    expect(screen.getByLabelText<HTMLInputElement>('Height (cm)').value).toBe('162.5');
    expect(screen.getByLabelText<HTMLInputElement>('Address confirmed: 087 High Street, Bath').checked).toBe(
      true,
    );
    expect(screen.getByLabelText<HTMLInputElement>('Left hip').checked).toBe(true);
    expect(screen.queryByText(/daily QC on DXA-1/)).toBeNull();
  });

  it('asks whether the patient has child-bearing capacity before sending anything', async () => {
    const { sent } = fakeApi({});
    const user = userEvent.setup();
    const onRecorded = vi.fn();
    renderForm('passed', onRecorded);
    await user.click(screen.getByRole('button', { name: 'Record the visit' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Say whether the patient has child-bearing capacity: ask everyone, whatever their recorded sex or gender',
    );
    expect(sent).toEqual([]);
    expect(onRecorded).not.toHaveBeenCalled();
  });

  it('hands over the recorded visit once the API accepts it', async () => {
    fakeApi({
      'POST /api/visits': () => ({
        status: 201,
        body: {
          id: 'v-1',
          outcome: 'scanned',
          notScannedReason: null,
          sitesScanned: ['lumbar_spine', 'left_hip'],
        },
      }),
    });
    const user = userEvent.setup();
    const onRecorded = vi.fn();
    renderForm('passed', onRecorded);
    await fillChecklist(user);
    await user.type(screen.getByLabelText('Signed by the patient (name)'), 'Helen Price');
    await user.click(screen.getByRole('button', { name: 'Record the visit' }));
    await vi.waitFor(() => {
      expect(onRecorded).toHaveBeenCalledWith({
        id: 'v-1',
        outcome: 'scanned',
        notScannedReason: null,
        sitesScanned: ['lumbar_spine', 'left_hip'],
      });
    });
  });
});
