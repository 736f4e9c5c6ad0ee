import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type AuditEventRecord } from '@quantrad/store';
import type { Actor } from '../src/actor.ts';
import { searchAuditTrail, verifyAuditTrail, type AuditVerificationStretch } from '../src/index.ts';
import { ServiceFixture } from './service-fixture.ts';

// The audit trail viewer's reads: each expectation is worked from the whole chain as the store lists it,
// filtered here in plain code, so the SQL filter is checked against an independent reading.

for (const backend of TEST_BACKENDS) {
  describe(`audit trail viewer on ${backend.name}`, () => {
    let f: ServiceFixture;
    let auditor: Actor;
    let operator: Actor;
    let physicist: Actor;

    /** Every event, newest first, read straight from the chain. */
    const wholeChain = async (): Promise<AuditEventRecord[]> =>
      (await f.store.audit.list({ limit: 100_000 })).reverse();

    beforeAll(async () => {
      f = new ServiceFixture(await backend.open());
      auditor = await f.staff('ada.auditor', [{ role: 'auditor' }]);
      operator = await f.staff('olu.operator', [{ role: 'operator' }]);
      physicist = await f.staff('pat.physicist', [{ role: 'medical_physics_expert' }]);
      await f.scanner(physicist);
      f.advanceMinutes(24 * 60); // the next day, 2026-11-24
      await f.scanner(physicist, { id: 'DXA-2' });
    });
    afterAll(() => f.db.close());

    it('filters by part of the actor name, action, record type and day, newest first', async () => {
      const chain = await wholeChain();
      const expected = chain.filter(
        (e) =>
          (e.actorName ?? '').includes('physicist') &&
          e.action === 'create' &&
          e.entityType === 'scanner' &&
          e.at.slice(0, 10) === '2026-11-24',
      );
      expect(expected.map((e) => e.entityId)).toEqual(['DXA-2']);
      const page = await searchAuditTrail(f.ctx(auditor), {
        actor: 'PHYSICIST',
        action: 'create',
        entityType: 'scanner',
        fromDate: '2026-11-24',
        toDate: '2026-11-24',
      });
      if (!page.ok) throw new Error(page.error.message);
      expect(page.value.total).toBe(1);
      expect(page.value.items).toEqual(expected);

      const bothDays = await searchAuditTrail(f.ctx(auditor), {
        entityType: 'scanner',
        fromDate: '2026-11-23',
        toDate: '2026-11-24',
      });
      if (!bothDays.ok) throw new Error(bothDays.error.message);
      expect(bothDays.value.items.map((e) => e.entityId)).toEqual(['DXA-2', 'DXA-1']);
    });

    it('pages the whole trail newest first with the total it matches', async () => {
      const chain = await wholeChain();
      const page = await searchAuditTrail(f.ctx(auditor), { limit: 3, offset: 2 });
      if (!page.ok) throw new Error(page.error.message);
      expect(page.value).toMatchObject({ total: chain.length, limit: 3, offset: 2 });
      expect(page.value.items.map((e) => e.seq)).toEqual(chain.slice(2, 5).map((e) => e.seq));
      // Reading the trail is itself on the trail.
      const [last] = (await wholeChain()).slice(0, 1);
      expect(last).toMatchObject({ action: 'read', entityType: 'audit_trail', actorName: 'ada.auditor' });
    });

    it('treats % and _ in the actor filter as the characters themselves', async () => {
      const page = await searchAuditTrail(f.ctx(auditor), { actor: '%' });
      expect(page).toMatchObject({ ok: true, value: { total: 0, items: [] } });
    });

    it('refuses an operator, and dates in the wrong order', async () => {
      expect(await searchAuditTrail(f.ctx(operator), {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await verifyAuditTrail(f.ctx(operator), {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(
        await searchAuditTrail(f.ctx(auditor), { fromDate: '2026-11-24', toDate: '2026-11-23' }),
      ).toMatchObject({ ok: false, error: { field: 'toDate' } });
    });

    /** Walks the chain in stretches as the viewer does, gathering every problem. */
    const walk = async (limit: number): Promise<AuditVerificationStretch[]> => {
      const stretches: AuditVerificationStretch[] = [];
      let afterSeq = 0;
      for (;;) {
        const s = await verifyAuditTrail(f.ctx(auditor), { afterSeq, limit });
        if (!s.ok) throw new Error(s.error.message);
        stretches.push(s.value);
        if (s.value.done || s.value.lastSeq === null) return stretches;
        afterSeq = s.value.lastSeq;
      }
    };

    it('verifies the chain a stretch at a time, and finds where it breaks', async () => {
      const before = await f.store.audit.list({ limit: 100_000 });
      const clean = await walk(4);
      // The walk's start is itself recorded on the trail, and the walk reaches that event too.
      expect(clean.reduce((n, s) => n + s.events, 0)).toBe(before.length + 1);
      expect(clean.flatMap((s) => s.problems)).toEqual([]);
      // Each stretch but the last is 4 events, and the walk covers every event once.
      expect(clean.slice(0, -1).every((s) => s.events === 4)).toBe(true);
      expect(clean[0]?.totalEvents).toBe(before.length);

      await f.db.query(`UPDATE audit_event SET detail = '{"tampered": true}' WHERE seq = 6`);
      await f.db.query('DELETE FROM audit_event WHERE seq = 9');
      const broken = (await walk(4)).flatMap((s) => s.problems);
      expect(broken).toEqual([
        { seq: 6, problem: 'content does not match its hash (the event was edited)' },
        { seq: 9, problem: 'events 9 to 9 are missing' },
        { seq: 10, problem: 'does not link to the event before it (an event was removed or changed)' },
      ]);
      // The whole-chain check (the CLI's audit verify) agrees.
      expect((await f.store.audit.verify(3)).problems).toEqual(broken);
    });
  });
}
