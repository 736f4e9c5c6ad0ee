import type { RouteCase } from './access-matrix-routes.ts';
import {
  freshDxaScanner,
  scannerInCommissioning,
  scannerReadyForRelease,
} from './matrix-commissioning-steps.ts';
import type { HttpFixture } from './http-fixture.ts';

// Commissioning (ROS Appendix 3) and cross-calibration (ISCD 2019) routes and who may use them: the MPE
// and the service manager run commissioning, operators record checklist items, only the MPE signs the
// scanner over for clinical use and records cross-calibrations.

const inCommissioning = new WeakMap<HttpFixture, Promise<string>>();
/** One scanner in commissioning per server, shared by the reading and recording rows. */
function sharedInCommissioning(f: HttpFixture): Promise<string> {
  let id = inCommissioning.get(f);
  if (!id) {
    id = scannerInCommissioning(f);
    inCommissioning.set(f, id);
  }
  return id;
}

export const COMMISSIONING_ROUTES: RouteCase[] = [
  {
    name: 'POST /api/scanners/:id/commissioning',
    allowed: ['medical_physics_expert', 'service_manager'],
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: `/api/scanners/${await freshDxaScanner(f)}/commissioning`,
      payload: {},
    }),
  },
  {
    name: 'GET /api/scanners/:id/commissioning',
    allowed: ['medical_physics_expert', 'service_manager', 'operator', 'administrator', 'auditor'],
    success: 200,
    request: async (f) => ({
      method: 'GET',
      url: `/api/scanners/${await sharedInCommissioning(f)}/commissioning`,
    }),
  },
  {
    name: 'PUT /api/scanners/:id/commissioning/items/:code',
    allowed: ['medical_physics_expert', 'service_manager', 'operator'],
    success: 200,
    request: async (f) => ({
      method: 'PUT',
      url: `/api/scanners/${await sharedInCommissioning(f)}/commissioning/items/inventory`,
      payload: { outcome: 'done' },
    }),
  },
  {
    name: 'POST /api/scanners/:id/commissioning/release',
    allowed: ['medical_physics_expert'],
    success: 200,
    // Only the allowed role gets a scanner that is ready, so its 200 is a real release.
    request: async (f, role) => ({
      method: 'POST',
      url: `/api/scanners/${role === 'medical_physics_expert' ? await scannerReadyForRelease(f) : await sharedInCommissioning(f)}/commissioning/release`,
      payload: {},
    }),
  },
  {
    name: 'POST /api/cross-calibrations',
    allowed: ['medical_physics_expert'],
    success: 201,
    request: async (f) => ({
      method: 'POST',
      url: '/api/cross-calibrations',
      payload: {
        method: 'stated',
        fromScannerId: 'DXA-1',
        toScannerId: await sharedInCommissioning(f),
        performedFrom: '2026-11-01',
        performedTo: '2026-11-01',
        slope: 1.012,
        interceptGcm2: -0.004,
        source: 'Manufacturer conversion',
      },
    }),
  },
  {
    name: 'GET /api/scanners/:id/cross-calibrations',
    allowed: ['medical_physics_expert', 'service_manager', 'administrator', 'auditor'],
    success: 200,
    request: () => Promise.resolve({ method: 'GET', url: '/api/scanners/DXA-1/cross-calibrations' }),
  },
];
