import type { RouteCase } from './access-matrix-routes.ts';
import { freshScales, maintenanceEntry, openQaAlert } from './matrix-pathway-steps.ts';

// Quality assurance routes (issue 5; ROS 5.1-5.2, Appendix 3) and who may use them: physicists own
// baselines, precision studies and alerts; operators record phantom scans, faults, handovers and checks.
export const QA_ROUTES: RouteCase[] = [
  {
    name: 'PUT /api/scanners/:id/phantom-baseline',
    allowed: ['medical_physics_expert'],
    success: 200,
    request: () =>
      Promise.resolve({
        method: 'PUT',
        url: '/api/scanners/DXA-1/phantom-baseline',
        payload: {
          scansGcm2: [1.029, 1.031, 1.033, 1.03, 1.034, 1.032, 1.031, 1.033, 1.032, 1.035],
          reason: 'Annual service',
        },
      }),
  },
  {
    // At the baseline mean: in control, so DXA-1 keeps a passed QC for the matrix's visits.
    name: 'POST /api/scanners/:id/phantom-scans',
    allowed: ['operator', 'medical_physics_expert'],
    success: 201,
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/scanners/DXA-1/phantom-scans',
        payload: { bmdGcm2: 1.032 },
      }),
  },
  {
    name: 'POST /api/scanners/:id/precision-studies',
    allowed: ['medical_physics_expert'],
    success: 201,
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/scanners/DXA-1/precision-studies',
        payload: {
          performedFrom: '2026-10-01',
          performedTo: '2026-10-02',
          applyToLsc: false,
          scans: [
            { patient: 'S1', scan: '1', site: 'L1-L4', bmdGcm2: 1.0 },
            { patient: 'S1', scan: '2', site: 'L1-L4', bmdGcm2: 1.02 },
          ],
        },
      }),
  },
  {
    name: 'GET /api/scanners/:id/precision-studies',
    allowed: ['medical_physics_expert', 'service_manager', 'administrator', 'auditor'],
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/scanners/DXA-1/precision-studies' }),
  },
  {
    name: 'POST /api/scanners/:id/maintenance',
    allowed: ['operator', 'medical_physics_expert', 'service_manager'],
    success: 201,
    request: () =>
      Promise.resolve({
        method: 'POST',
        url: '/api/scanners/CT-1/maintenance',
        payload: { kind: 'planned_maintenance', description: 'Six-monthly service' },
      }),
  },
  {
    name: 'GET /api/scanners/:id/maintenance',
    allowed: ['operator', 'medical_physics_expert', 'service_manager', 'administrator', 'auditor'],
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/scanners/CT-1/maintenance' }),
  },
  {
    name: 'POST /api/maintenance/:id/hand-over',
    allowed: ['operator', 'medical_physics_expert'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/maintenance/${await maintenanceEntry(f)}/hand-over`,
      payload: { engineer: 'Service engineer' },
    }),
  },
  {
    name: 'POST /api/maintenance/:id/receive-back',
    allowed: ['operator', 'medical_physics_expert'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/maintenance/${await maintenanceEntry(f, true)}/receive-back`,
      payload: { engineerReport: 'Bearing replaced', checksOnReturn: 'QC passed' },
    }),
  },
  {
    name: 'POST /api/equipment',
    allowed: ['medical_physics_expert', 'service_manager', 'administrator'],
    success: 201,
    request: (_f, role) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/equipment',
        payload: { kind: 'stadiometer', label: `Stadiometer ${role}`, location: 'Room 1' },
      }),
  },
  {
    name: 'GET /api/equipment',
    allowed: ['medical_physics_expert', 'service_manager', 'administrator', 'operator', 'auditor'],
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/equipment' }),
  },
  {
    name: 'POST /api/equipment/:id/checks',
    allowed: ['operator', 'medical_physics_expert'],
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: `/api/equipment/${await freshScales(f)}/checks`,
      payload: { passed: true },
    }),
  },
  {
    name: 'POST /api/qa-alerts/:id/close',
    allowed: ['medical_physics_expert'],
    success: 200,
    request: async (f) => ({
      method: 'POST',
      url: `/api/qa-alerts/${await openQaAlert(f)}/close`,
      payload: { note: 'Phantom repositioned; repeat scan in control' },
    }),
  },
  {
    name: 'GET /api/scanners/:id/phantom-chart',
    allowed: ['medical_physics_expert', 'operator', 'service_manager', 'administrator', 'auditor'],
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/scanners/DXA-1/phantom-chart' }),
  },
];
