// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { precisionStudy } from '@quantrad/densitometry';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrecisionStudyForm } from '../src/qa/precision-study-form.tsx';
import { fakeApi, refusal, type SentRequest } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// Three patients scanned twice at L1-L4 (g/cm²):
//   P01 1.000 1.020: mean 1.010, squares 2 × 0.010² = 0.00020, SD √0.00020 = 0.014142, CV 1.4003%
//   P02 0.900 0.930: mean 0.915, squares 2 × 0.015² = 0.00045, SD 0.021213, CV 2.3184%
//   P03 1.100 1.090: mean 1.095, squares 2 × 0.005² = 0.00005, SD 0.0070711, CV 0.6458%
// RMS-SD over patients = √((0.00020 + 0.00045 + 0.00005) / 3) = √0.00023333 = 0.015275 g/cm²;
// %CV = √((1.4003² + 2.3184² + 0.6458²) / 3) = 1.6075%; LSC = 2.77 × 0.015275 = 0.042313 g/cm².
const PASTED = 'P01\t1.000\t1.020\nP02\t0.900\t0.930\nP03\t1.100\t1.090';
const HAND_RMS_SD = Math.sqrt((2 * 0.01 ** 2 + 2 * 0.015 ** 2 + 2 * 0.005 ** 2) / 3);
const HAND_CV =
  (Math.sqrt(
    ((Math.SQRT2 * 0.01) / 1.01) ** 2 +
      ((Math.SQRT2 * 0.015) / 0.915) ** 2 +
      ((Math.SQRT2 * 0.005) / 1.095) ** 2,
  ) /
    Math.sqrt(3)) *
  100;

interface SentStudy {
  scans: { patient: string; scan: string; site: string; side: null; bmdGcm2: number }[];
}

/** The API's answer worked out by the real engine from what the form sent, as the server does. */
function engineAnswer(request: SentRequest): { status: number; body: unknown } {
  const body = request.body as SentStudy;
  const results = precisionStudy(body.scans.map(({ side: _, ...s }) => s));
  return { status: 201, body: { id: 's1', results, lscSet: [], operatorPrecision: [] } };
}

describe('the precision study entry', () => {
  it('sends the pasted grid and shows the LSC the engine works out, equal to the hand-worked one', async () => {
    const { sent } = fakeApi({ 'POST /api/scanners/DXA-1/precision-studies': engineAnswer });
    render(
      <PrecisionStudyForm scannerId="DXA-1" onRecorded={() => undefined} onSessionEnded={() => undefined} />,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Scanned from'), '2026-10-01');
    await user.type(screen.getByLabelText('Scanned to'), '2026-10-14');
    await user.click(screen.getByText('Paste from a spreadsheet'));
    await user.click(screen.getByLabelText(/One row per patient/));
    await user.paste(PASTED);
    await user.click(screen.getByRole('button', { name: 'Fill the grid' }));
    // The grid now holds the three patients' readings, each cell named by its patient and scan.
    expect(screen.getByLabelText<HTMLInputElement>('P02 Scan 2').value).toBe('0.930');
    await user.click(screen.getByRole('button', { name: 'Record the study' }));
    const table = await screen.findByRole('table', { name: 'Precision by site' });

    expect(sent[0]?.body).toEqual({
      performedFrom: '2026-10-01',
      performedTo: '2026-10-14',
      operatorUserId: null,
      applyToLsc: true,
      scans: [
        { patient: 'P01', scan: '1', site: 'L1-L4', side: null, bmdGcm2: 1.0 },
        { patient: 'P01', scan: '2', site: 'L1-L4', side: null, bmdGcm2: 1.02 },
        { patient: 'P02', scan: '1', site: 'L1-L4', side: null, bmdGcm2: 0.9 },
        { patient: 'P02', scan: '2', site: 'L1-L4', side: null, bmdGcm2: 0.93 },
        { patient: 'P03', scan: '1', site: 'L1-L4', side: null, bmdGcm2: 1.1 },
        { patient: 'P03', scan: '2', site: 'L1-L4', side: null, bmdGcm2: 1.09 },
      ],
    });
    expect(HAND_RMS_SD).toBeCloseTo(0.015275, 6);
    expect(HAND_CV).toBeCloseTo(1.6075, 3);
    const row = within(table).getByRole('row', { name: /L1-L4/ });
    expect(within(row).getByTestId('rms-sd').textContent).toBe(HAND_RMS_SD.toFixed(4)); // 0.0153
    expect(within(row).getByTestId('cv').textContent).toBe(HAND_CV.toFixed(2)); // 1.61
    expect(within(row).getByTestId('lsc').textContent).toBe((2.77 * HAND_RMS_SD).toFixed(4)); // 0.0423
    expect(within(row).getByTestId('lsc').textContent).toBe('0.0423');
    // Three degrees of freedom: short of ISCD's 30, so it is said not to be compliant.
    expect(row.textContent).toContain('No: 3 degrees of freedom');
  });

  it('marks the cell the API refuses and keeps the grid as typed', async () => {
    fakeApi({
      'POST /api/scanners/DXA-1/precision-studies': () =>
        refusal(400, 'invalid', 'scans.1.bmdGcm2: must be at most 3', 'scans.1.bmdGcm2'),
    });
    render(
      <PrecisionStudyForm scannerId="DXA-1" onRecorded={() => undefined} onSessionEnded={() => undefined} />,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Scanned from'), '2026-10-01');
    await user.type(screen.getByLabelText('Scanned to'), '2026-10-14');
    await user.type(screen.getByLabelText('P01 Scan 1'), '1.000');
    await user.type(screen.getByLabelText('P01 Scan 3'), '1020');
    await user.click(screen.getByRole('button', { name: 'Record the study' }));
    expect((await screen.findByRole('alert')).textContent).toBe('scans.1.bmdGcm2: must be at most 3');
    // The second scan sent was P01's third: that cell is the one marked.
    const cell = screen.getByLabelText<HTMLInputElement>('P01 Scan 3');
    expect(cell.getAttribute('aria-invalid')).toBe('true');
    expect(cell.value).toBe('1020');
    expect(screen.getByLabelText('P01 Scan 1').getAttribute('aria-invalid')).toBe('false');
  });

  it("says whether one operator's study meets the ISCD minimum", async () => {
    fakeApi({
      'POST /api/scanners/DXA-1/precision-studies': () => ({
        status: 201,
        body: {
          id: 's2',
          results: [],
          lscSet: [],
          operatorPrecision: [
            {
              site: 'L1-L4',
              side: null,
              cvPercent: 4.24,
              minimumCvPercent: 1.9,
              acceptable: false,
              action: 'precision 4.24% is worse than the ISCD minimum 1.9% for L1-L4: retraining required',
            },
          ],
        },
      }),
    });
    render(
      <PrecisionStudyForm scannerId="DXA-1" onRecorded={() => undefined} onSessionEnded={() => undefined} />,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Scanned from'), '2026-10-01');
    await user.type(screen.getByLabelText('Scanned to'), '2026-10-14');
    await user.type(screen.getByLabelText(/Operator's user id/), '0b7f0d9e-7a57-4c39-9f0b-3f4bb1a3e5d1');
    await user.click(screen.getByRole('button', { name: 'Record the study' }));
    await screen.findByText(/retraining required/);
  });
});
