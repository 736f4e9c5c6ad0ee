import { bearer, type HttpFixture } from './http-fixture.ts';

// Scanners for the commissioning rows of the access matrix: each is new, so commissioning one never takes
// DXA-1 (which the matrix's visits use) out of clinical use.

let scannerCount = 0;

/** A new DXA scanner, registered by the physicist. */
export async function freshDxaScanner(f: HttpFixture): Promise<string> {
  scannerCount += 1;
  const id = `DXA-NEW-${String(scannerCount)}`;
  await f.app.inject({
    method: 'POST',
    url: '/api/scanners',
    headers: bearer(f, 'medical_physics_expert'),
    payload: { id, modality: 'dxa', manufacturer: 'Hologic', model: 'Horizon W', location: 'Unit 4' },
  });
  return id;
}

/** A new scanner in commissioning, replacing no scanner. */
export async function scannerInCommissioning(f: HttpFixture): Promise<string> {
  const id = await freshDxaScanner(f);
  await f.app.inject({
    method: 'POST',
    url: `/api/scanners/${id}/commissioning`,
    headers: bearer(f, 'service_manager'),
    payload: {},
  });
  return id;
}

/** A scanner in commissioning with every item done and a phantom baseline: ready for the MPE to release. */
export async function scannerReadyForRelease(f: HttpFixture): Promise<string> {
  const id = await scannerInCommissioning(f);
  const state = await f.app.inject({
    method: 'GET',
    url: `/api/scanners/${id}/commissioning`,
    headers: bearer(f, 'service_manager'),
  });
  const items = state.json<{ items: { code: string; status: string; verifiedBy?: string }[] }>().items;
  for (const item of items.filter((i) => i.status === 'outstanding' && !i.verifiedBy)) {
    await f.app.inject({
      method: 'PUT',
      url: `/api/scanners/${id}/commissioning/items/${item.code}`,
      headers: bearer(f, 'medical_physics_expert'),
      payload: { outcome: 'done', evidence: `matrix report ${item.code}` },
    });
  }
  await f.app.inject({
    method: 'PUT',
    url: `/api/scanners/${id}/phantom-baseline`,
    headers: bearer(f, 'medical_physics_expert'),
    payload: { scansGcm2: [1, 1.001, 0.999, 1, 1.002, 0.998, 1, 1.001, 0.999, 1], reason: 'Acceptance' },
  });
  return id;
}
