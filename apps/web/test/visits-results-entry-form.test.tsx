// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssessmentView } from '../src/visits/assessment-view.tsx';
import { ResultsEntryForm } from '../src/visits/results-entry-form.tsx';
import type { DxaAssessment } from '../src/visits/visit-types.ts';
import { fakeApi, refusal } from './support/fake-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const VISIT_ID = '0e4b7a52-7d36-4c59-9d1c-2f6a8b9c0d1e';

function renderForm(onEntered = vi.fn()): void {
  render(
    <ResultsEntryForm
      visitId={VISIT_ID}
      sitesScanned={['lumbar_spine', 'left_hip']}
      onEntered={onEntered}
      onSessionEnded={() => undefined}
    />,
  );
}

describe('the results entry form', () => {
  it('offers a row for each site scanned, sends the values typed, and shows a refusal beside its cell', async () => {
    const { sent } = fakeApi({
      'POST /api/results/dxa': () =>
        refusal(
          400,
          'invalid',
          'sites.1.bmdGcm2: must be at most 3 g/cm² (is it in mg/cm²?)',
          'sites.1.bmdGcm2',
        ),
    });
    const user = userEvent.setup();
    const onEntered = vi.fn();
    renderForm(onEntered);
    // The spine and the left hip's total hip and femoral neck.
    expect(screen.getByLabelText<HTMLSelectElement>('Site 1').value).toBe('L1-L4');
    expect(screen.getByLabelText<HTMLSelectElement>('Site 2').value).toBe('total_hip');
    expect(screen.getByLabelText<HTMLSelectElement>('Side 2').value).toBe('left');
    expect(screen.getByLabelText<HTMLSelectElement>('Site 3').value).toBe('femoral_neck');
    await user.type(screen.getByLabelText('BMD (g/cm²) 1'), '0.912');
    await user.type(screen.getByLabelText('T-score 1'), '-1.2');
    await user.type(screen.getByLabelText('BMD (g/cm²) 2'), '712');
    await user.type(screen.getByLabelText('BMD (g/cm²) 3'), '0.618');
    await user.click(screen.getByLabelText('L3'));
    await user.type(screen.getByLabelText('Why excluded'), 'Compression fracture');
    await user.selectOptions(screen.getByLabelText('Menopause'), 'post');
    await user.click(screen.getByRole('button', { name: 'Enter the results' }));

    const hipBmd = screen.getByLabelText<HTMLInputElement>('BMD (g/cm²) 2');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'sites.1.bmdGcm2: must be at most 3 g/cm² (is it in mg/cm²?)',
    );
    expect(hipBmd.getAttribute('aria-invalid')).toBe('true');
    expect(hipBmd.value).toBe('712');
    expect(screen.getByLabelText<HTMLInputElement>('BMD (g/cm²) 1').value).toBe('0.912');
    expect(screen.getByLabelText<HTMLInputElement>('Why excluded').value).toBe('Compression fracture');
    expect(onEntered).not.toHaveBeenCalled();
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/api/results/dxa',
      body: {
        visitId: VISIT_ID,
        sites: [
          { site: 'L1-L4', bmdGcm2: 0.912, tScore: -1.2 },
          { site: 'total_hip', side: 'left', bmdGcm2: 712 },
          { site: 'femoral_neck', side: 'left', bmdGcm2: 0.618 },
        ],
        excludedVertebrae: [{ vertebra: 'L3', reason: 'Compression fracture' }],
        menopause: 'post',
      },
    });

    // Corrected, it is accepted and the screen is told to show the assessment.
    fakeApi({ 'POST /api/results/dxa': () => ({ status: 201, body: { id: 'r-1' } }) });
    await user.clear(hipBmd);
    await user.type(hipBmd, '0.712');
    await user.click(screen.getByRole('button', { name: 'Enter the results' }));
    await vi.waitFor(() => {
      expect(onEntered).toHaveBeenCalledTimes(1);
    });
  });
});

describe('the assessment', () => {
  const assessment: DxaAssessment = {
    population: 'adult_t_score',
    populationReason: 'Postmenopausal woman: WHO T-score classification.',
    ageYears: 68,
    bmiKgM2: 22.1,
    sites: [
      {
        site: 'L1-L4',
        side: null,
        bmdGcm2: 0.912,
        tScore: -1.2,
        zScore: null,
        tScoreSource: 'scanner',
        zScoreSource: null,
        vertebraeUsed: ['L1', 'L2', 'L4'],
        usable: true,
        notUsableReason: null,
      },
      {
        site: 'femoral_neck',
        side: 'left',
        bmdGcm2: 0.548,
        tScore: -2.6,
        zScore: null,
        tScoreSource: 'reference:nhanes3-hip-white-women-20-29',
        zScoreSource: null,
        vertebraeUsed: null,
        usable: true,
        notUsableReason: null,
      },
    ],
    excludedVertebrae: [{ vertebra: 'L3', reason: 'Compression fracture', by: 'operator' }],
    classification: {
      scheme: 'who',
      category: 'osteoporosis',
      site: 'femoral_neck',
      side: 'left',
      score: -2.6,
      scoreKind: 't_score',
      reason: 'The lowest T-score.',
    },
    changes: [
      {
        site: 'L1-L4',
        side: null,
        sinceDate: '2024-11-02',
        priorBmdGcm2: 0.95,
        currentBmdGcm2: 0.912,
        changeGcm2: -0.038,
        changePercent: -4,
        lscGcm2: 0.03,
        comparable: true,
        significant: true,
        direction: 'loss',
        note: null,
      },
    ],
    flags: [{ code: 'vfa_indicated', reason: 'Vertebral fracture assessment is indicated.' }],
    followUp: { intervalYears: 2, reason: 'On treatment.', source: 'ROS Figure 1' },
    warnings: [],
  };

  it('gives each site its WHO category, the change against the LSC, the flags and follow-up, and a picture', () => {
    render(<AssessmentView assessment={assessment} />);
    const rows = screen.getAllByRole('row').map((r) => r.textContent);
    // -1.2 lies between -1 and -2.5; -2.6 is at or below -2.5 (WHO 1994).
    expect(rows).toContain('L1-L40.912−1.2 (scanner)—Low bone density');
    expect(rows).toContain(
      'Left femoral neck0.548−2.6 (computed: nhanes3-hip-white-women-20-29)—Osteoporosis',
    );
    expect(rows).toContain('L1-L42024-11-020.9500.912−0.038 (−4.0%)0.030Yes: loss');
    expect(screen.getByText('L3: Compression fracture (by the operator)')).toBeTruthy();
    expect(screen.getByText('Vertebral fracture assessment is indicated.')).toBeTruthy();
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'T-scores by site: L1-L4 −1.2 (low bone density); Left femoral neck −2.6 (osteoporosis). WHO bands: normal −1.0 and above, low bone density between, osteoporosis −2.5 and below.',
    );
  });
});
