import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiAs,
  expectMatchesBaseline,
  keepScreenshot,
  startWebHarness,
  webSkipReason,
  type WebHarness,
} from './web-harness.ts';

// The referrals inbox and the booking screen in Chromium against the demo data: the IR(ME)R practitioner
// justifies and authorises the referral that has waited longest, then the operator books it on the
// DXA-1 calendar and the appointment letter is shown, each figure checked against the API's own JSON.

interface ListJson {
  total: number;
  items: {
    id: string;
    state: string;
    waitingDays: number;
    dm01Breach: boolean;
    referrerName: string;
    patient: { familyName: string; givenNames: string; identifier: string };
    criteriaMatch: { meetsCriteria: boolean; matched: { text: string }[] };
  }[];
}

interface BookingJson {
  appointments: {
    id: string;
    startsAt: string;
    daysFromReceipt: number;
    withinSixWeeks: boolean;
    state: string;
    closeReason: string | null;
  }[];
  correspondence: { kind: string; appointmentId: string | null; body: string }[];
  documents: {
    leaflet: { sections: { heading: string }[]; contact: { department: { telephone: string | null } } };
    questionnaire: {
      patient: { name: string };
      appointment: { when: string } | null;
      questions: { text: string }[];
    };
  };
}

/** The UK date of an instant, and the Monday of the week after it (dates as YYYY-MM-DD). */
function ukDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
}
function nextMonday(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  const weekday = new Date(t).getUTCDay();
  return new Date(t + ((8 - weekday) % 7 || 7) * 86_400_000).toISOString().slice(0, 10);
}

const appointmentPolicy = JSON.parse(
  readFileSync(new URL('../../../../packages/service/data/appointment-policy.json', import.meta.url), 'utf8'),
) as { reminderDaysBefore: number };

describe.skipIf(webSkipReason !== null)(
  `referrals inbox and booking in Chromium${webSkipReason === null ? '' : ` (skipped: ${webSkipReason})`}`,
  () => {
    let harness: WebHarness;
    let referralId = '';
    beforeAll(async () => {
      harness = await startWebHarness();
    }, 120_000);
    afterAll(async () => {
      await harness.close();
    });

    it('lists new referrals with the criteria match and the six-week clock, and the practitioner authorises one', async () => {
      const page: Page = await harness.signedInPage('irmer_practitioner', '#/referrals');
      await page.getByRole('heading', { name: 'Referrals inbox' }).waitFor();
      const api = (await apiAs(page, harness.base, '/api/referrals?state=received&limit=20&offset=0'))
        .body as ListJson;
      // The demo data: Janet Cole (3 days) and Margaret Hughes (45 days, past the six-week target).
      expect(api.items.map((r) => [r.patient.familyName, r.waitingDays, r.dm01Breach])).toEqual([
        ['Hughes', 45, true],
        ['Cole', 3, false],
      ]);
      await page.getByRole('caption').or(page.locator('caption')).first().waitFor();
      const rows = page.locator('table.referral-list tbody tr');
      await expect(rows.count()).resolves.toBe(api.items.length);
      for (const [i, r] of api.items.entries()) {
        const cells = await rows.nth(i).locator('td').allTextContents();
        expect(cells[0]).toBe(`${r.patient.familyName.toUpperCase()}, ${r.patient.givenNames}`);
        expect(cells[1]).toBe(r.patient.identifier);
        expect(cells[2]).toBe(r.referrerName);
        expect(cells[4]).toBe(
          r.criteriaMatch.meetsCriteria
            ? `Met: ${r.criteriaMatch.matched.map((m) => m.text).join('; ')}`
            : 'Not met: practitioner to justify',
        );
        expect(cells[5]).toContain(
          r.dm01Breach ? `Day ${String(r.waitingDays)}: DM01 breach` : `Day ${String(r.waitingDays)} of 42`,
        );
      }
      await expectMatchesBaseline(page, 'referrals-inbox', [page.locator('.clock')]);

      const hughes = api.items[0];
      if (!hughes) throw new Error('no demo referral');
      referralId = hughes.id;
      await page.getByRole('button', { name: 'HUGHES, Margaret' }).click();
      await page
        .getByRole('heading', { name: `HUGHES, Margaret — NHS ${hughes.patient.identifier}` })
        .waitFor();
      await page
        .getByText('Met: Oral glucocorticoids for 3 months or more, current or planned')
        .first()
        .waitFor();
      // Its history, from the API: received by the operator's registration.
      await page.locator('.referral-history li').first().getByText('received').waitFor();
      await keepScreenshot(page, 'referral-open');
      await page.getByLabel('Justified by me as IR(ME)R practitioner, on the clinical information').check();
      await page.getByLabel('Note (optional)').fill('On prednisolone since May: justified');
      await page.getByRole('button', { name: 'Authorise' }).click();
      await page
        .getByRole('status')
        .getByText('HUGHES, Margaret: authorised (practitioner justified).')
        .waitFor();
      // The list updates: only Janet Cole is still to decide; the API agrees.
      await rows.nth(1).waitFor({ state: 'detached' });
      await expect(rows.count()).resolves.toBe(1);
      const after = (await apiAs(page, harness.base, `/api/referrals/${referralId}`)).body as {
        state: string;
        authorisation: string;
        decisionReason: string;
      };
      expect(after).toMatchObject({
        state: 'authorised',
        authorisation: 'practitioner_justified',
        decisionReason: 'On prednisolone since May: justified',
      });
      await page.close();
    });

    it('lets the operator book the authorised referral on the calendar and shows the letter to print', async () => {
      const page = await harness.signedInPage('operator', '#/booking');
      await page.getByRole('heading', { name: 'Booking' }).waitFor();
      const queue = (await apiAs(page, harness.base, '/api/referrals?awaitingBooking=true&limit=10&offset=0'))
        .body as ListJson;
      // Margaret Hughes, just authorised (the demo's Helen Price is already booked for today's list).
      expect(queue.items.map((r) => r.patient.familyName)).toEqual(['Hughes']);
      await page.getByRole('heading', { name: `Waiting to be booked (${String(queue.total)})` }).waitFor();
      await page.getByText('1 on this page has waited six weeks or more: a DM01 breach (ROS 4.4).').waitFor();
      await expectMatchesBaseline(page, 'booking-calendar', [
        // Dates: the day headings, the week, the clocks' offer-by dates; and the appointments, which sit
        // in today's column (the demo books today's list) and so move with the day of the week.
        page.locator('.cal-day'),
        page.locator('.cal-block'),
        page.locator('.clock'),
        page.locator('.week-label'),
      ]);

      await page.getByRole('button', { name: 'HUGHES, Margaret · DXA' }).click();
      await page.getByRole('heading', { name: 'Book HUGHES, Margaret (DXA)' }).waitFor();
      await page.getByText('First scan here: any DXA scanner.').waitFor();
      await page.getByRole('button', { name: 'Next week' }).click();
      const monday = nextMonday(ukDate(new Date()));
      const tuesday = new Date(Date.parse(`${monday}T00:00:00Z`) + 86_400_000);
      const label = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: 'short',
      }).format(tuesday);
      const mondayLabel = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: 'short',
      }).format(new Date(`${monday}T00:00:00Z`));
      // Keyboard: from Monday 10:00 the arrow keys move right a day and down half an hour; Enter picks it.
      await page.getByRole('button', { name: `Free: ${mondayLabel} 10:00` }).focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await expect(page.evaluate('document.activeElement.getAttribute("aria-label")')).resolves.toBe(
        `Free: ${label} 10:30`,
      );
      await page.keyboard.press('Enter');
      const date = tuesday.toISOString().slice(0, 10);
      // The chosen slot fills the form once React has drawn it: poll, not one read.
      await expect.poll(() => page.getByLabel('Date').inputValue()).toBe(date);
      await expect.poll(() => page.getByLabel('Time (UK)').inputValue()).toBe('10:30');
      await page.getByRole('button', { name: 'Book appointment' }).click();
      const status = page.getByRole('status').filter({ hasText: 'Booked Margaret Hughes' });
      await status.waitFor();

      const booking = (await apiAs(page, harness.base, `/api/referrals/${referralId}/booking`))
        .body as BookingJson;
      const [appointment] = booking.appointments;
      if (!appointment) throw new Error('not booked');
      // 45 days waited today, booked next week: past six weeks, a DM01 breach; the screen says so.
      expect(appointment.withinSixWeeks).toBe(false);
      await expect(status.textContent()).resolves.toContain(
        `${String(appointment.daysFromReceipt)} days from referral, six weeks or more (DM01 breach)`,
      );
      const letter = booking.correspondence.find(
        (c) => c.kind === 'appointment_letter' && c.appointmentId === appointment.id,
      );
      if (!letter) throw new Error('no letter');
      await expect(page.locator('.letter-body').textContent()).resolves.toBe(letter.body);
      expect(letter.body).toContain('Your appointment is on Tuesday');
      expect(letter.body).toContain('at 10:30, at Bone Density Unit');
      await page
        .getByRole('listitem')
        .filter({ hasText: 'Bone health questionnaire (ROS Appendix 2)' })
        .waitFor();
      // The calendar shows the booking as a block on DXA-1 at 10:30.
      await page.getByRole('button', { name: '10:30 HUGHES, Margaret' }).waitFor();
      await keepScreenshot(page, 'booking-booked');
      // Printed, only the letter shows.
      await page.emulateMedia({ media: 'print' });
      // A string, as the server's TypeScript has no DOM types; it runs in the page.
      const visibility = await page.evaluate(
        "['h1', '.letter-body'].map((s) => getComputedStyle(document.querySelector(s)).visibility)",
      );
      expect(visibility).toEqual(['hidden', 'visible']);
      await page.emulateMedia({ media: 'screen' });

      // The leaflet and questionnaire sent with it, as the API serves them (ROS 4.4; Appendix 4B and 2).
      const { leaflet, questionnaire } = booking.documents;
      await page.getByRole('tab', { name: 'Information leaflet' }).click();
      const leafletPanel = page.getByRole('tabpanel', { name: 'Information leaflet' });
      await expect
        .poll(() => leafletPanel.getByRole('heading', { level: 4 }).allTextContents())
        .toEqual([...leaflet.sections.map((x) => x.heading), 'How to contact us']);
      expect(leaflet.contact.department.telephone).toBe('01225 000000');
      await expect(leafletPanel.textContent()).resolves.toContain('Telephone: 01225 000000');
      await page.getByRole('tab', { name: 'Questionnaire' }).click();
      const form = page.getByRole('tabpanel', { name: 'Questionnaire' });
      await expect
        .poll(() => form.locator('.questionnaire-questions > li > p:first-child').allTextContents())
        .toEqual(questionnaire.questions.map((q) => q.text));
      expect(questionnaire.patient.name).toBe('Margaret Hughes');
      await expect(form.textContent()).resolves.toContain(questionnaire.appointment?.when ?? 'none');
      // Print all: the three documents print, a page each, and nothing else (the dialog stood in for).
      await page.emulateMedia({ media: 'print' });
      await page.evaluate(`window.print = () => {
        const panels = [...document.querySelectorAll('.patient-documents [role=tabpanel]')];
        window.printed = {
          heading: getComputedStyle(document.querySelector('h1')).display,
          panels: panels.map((p) => [getComputedStyle(p).display, getComputedStyle(p).breakBefore]),
        };
      }`);
      // The buttons do not print, so are out of sight here: a click event, as the button would send.
      await page.locator('.document-actions button', { hasText: 'Print all' }).dispatchEvent('click');
      await expect
        .poll(() => page.evaluate('window.printed'))
        .toEqual({
          heading: 'none',
          panels: [
            ['block', 'auto'],
            ['block', 'page'],
            ['block', 'page'],
          ],
        });
      await page.emulateMedia({ media: 'screen' });
      await page.close();
    });

    it('rebooks the appointment to another slot with a new letter, cancels it, and writes the reminders due', async () => {
      const page = await harness.signedInPage('operator', '#/booking');
      const before = (await apiAs(page, harness.base, `/api/referrals/${referralId}/booking`))
        .body as BookingJson;
      const booked = before.appointments[0];
      if (!booked) throw new Error('the previous test booked nothing');
      await page.getByRole('button', { name: 'Next week' }).click();
      await page.getByRole('button', { name: '10:30 HUGHES, Margaret' }).click();
      await page.getByRole('heading', { name: 'Rebook on DXA-1' }).waitFor();
      const monday = nextMonday(ukDate(new Date()));
      const wednesday = new Date(Date.parse(`${monday}T00:00:00Z`) + 2 * 86_400_000);
      const label = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: 'short',
      }).format(wednesday);
      await page.getByRole('button', { name: `Free: ${label} 11:00` }).click();
      await expect.poll(() => page.getByLabel('New time (UK)').inputValue()).toBe('11:00');
      await page.getByLabel('Reason', { exact: true }).first().fill('Patient asked for a later day');
      await page.getByRole('button', { name: 'Rebook', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Rebooked for' }).waitFor();
      const after = (await apiAs(page, harness.base, `/api/referrals/${referralId}/booking`))
        .body as BookingJson & {
        appointments: { state: string; closeReason: string | null }[];
      };
      // The old one cancelled as rebooked, the new one booked at 11:00 UK time on the Wednesday, a new letter.
      expect(after.appointments.map((a) => [a.state, a.closeReason])).toEqual([
        ['cancelled', 'rebooked: Patient asked for a later day'],
        ['booked', null],
      ]);
      const moved = after.appointments[1];
      if (!moved) throw new Error('not rebooked');
      const wednesdayDate = wednesday.toISOString().slice(0, 10);
      expect(
        new Intl.DateTimeFormat('en-CA', {
          timeZone: 'Europe/London',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(new Date(moved.startsAt)),
      ).toBe(`${wednesdayDate}, 11:00`);
      const newLetter = after.correspondence.find((c) => c.appointmentId === moved.id);
      await expect(page.locator('.letter-body').textContent()).resolves.toBe(newLetter?.body);

      // Cancelled at the patient's request: the referral goes back to the queue.
      await page.getByLabel('Reason', { exact: true }).last().fill('Moving away');
      await page.getByRole('button', { name: 'Cancel appointment' }).click();
      await page
        .getByRole('status')
        .getByText('Appointment cancelled; the referral is back in the queue to book.')
        .waitFor();
      const cancelled = (await apiAs(page, harness.base, `/api/referrals/${referralId}/booking`)).body as {
        appointments: { state: string; closeReason: string | null }[];
      };
      expect(cancelled.appointments[1]).toMatchObject({
        state: 'cancelled',
        closeReason: 'patient request: Moving away',
      });
      await page.getByRole('button', { name: 'HUGHES, Margaret · DXA' }).waitFor();

      // Reminders (ROS 4.4): due for every booked appointment from now to the policy's lead time ahead
      // (appointment-policy.json) that has none yet.
      const leadMs = appointmentPolicy.reminderDaysBefore * 86_400_000;
      // The demo's booking for today's list is due or not by the time of day; count them from the API.
      const now = Date.now();
      const inWindow = (
        (
          await apiAs(
            page,
            harness.base,
            `/api/appointments?from=${new Date(now).toISOString().slice(0, 10)}&to=${new Date(now + leadMs + 86_400_000).toISOString().slice(0, 10)}`,
          )
        ).body as { state: string; startsAt: string; reminderSentAt: string | null }[]
      ).filter(
        (a) =>
          a.state === 'booked' &&
          a.reminderSentAt === null &&
          Date.parse(a.startsAt) >= now &&
          Date.parse(a.startsAt) <= now + leadMs,
      ).length;
      const noneDue = 'No reminders were due: every appointment in the reminder window already has one.';
      await page.getByRole('button', { name: 'Send due reminders' }).click();
      await page
        .getByRole('status')
        .getByText(
          inWindow === 0
            ? noneDue
            : `${String(inWindow)} reminder(s) written, one to each patient whose appointment is within the reminder window.`,
        )
        .waitFor();
      // Sent again, nothing more is due.
      await page.getByRole('button', { name: 'Send due reminders' }).click();
      await page.getByRole('status').getByText(noneDue).waitFor();
      await page.close();
    });

    it('steers a follow-up to the scanner of the patient’s previous scan and asks why when another is chosen', async () => {
      const page = await harness.signedInPage('operator', '#/booking');
      const physician = await harness.signedInPage('medical_physics_expert');
      const added = await apiAs(physician, harness.base, '/api/scanners', {
        method: 'POST',
        body: { id: 'DXA-3', modality: 'dxa', manufacturer: 'GE', model: 'Lunar iDXA', location: 'Unit 3' },
      });
      expect(added.status).toBe(201);
      await physician.close();
      const referral = {
        patient: {
          identifier: '999 000 1234',
          familyName: 'Ward',
          givenNames: 'Edith',
          birthDate: '1945-02-02',
          address: '3 Mill Lane, Bath',
          sex: 'female',
        },
        referrerId: '0b7d8a4e-6f1c-4d1e-9f0a-000000000001',
        source: 'gp',
        examination: 'dxa',
        indications: ['fragility_fracture'],
        clinicalInformation: 'Hip fracture from standing height; follow-up of treatment.',
        signedByReferrer: true,
        method: 'electronic',
      };
      const authorised = async (): Promise<string> => {
        const created = await apiAs(page, harness.base, '/api/referrals', { method: 'POST', body: referral });
        const id = (created.body as { id: string }).id;
        const done = await apiAs(page, harness.base, `/api/referrals/${id}/authorise`, {
          method: 'POST',
          body: { basis: 'operator_under_written_criteria' },
        });
        expect(done.status).toBe(200);
        return id;
      };
      // The first scan on DXA-1; the scan visit marks the appointment attended and the referral scanned (here
      // the store does, as the service tests do).
      const first = await authorised();
      const startsAt = new Date(Date.now() + 2 * 86_400_000);
      startsAt.setUTCHours(14, 0, 0, 0);
      const booked = await apiAs(page, harness.base, '/api/appointments', {
        method: 'POST',
        body: { referralId: first, scannerId: 'DXA-1', startsAt: startsAt.toISOString() },
      });
      expect(booked.status).toBe(201);
      const appointment = await harness.store.appointments.byId((booked.body as { id: string }).id);
      if (!appointment) throw new Error('not booked');
      await harness.store.appointments.update(appointment, { state: 'attended' });
      const scanned = await harness.store.referrals.byId(first);
      if (!scanned) throw new Error('no referral');
      await harness.store.referrals.decide(scanned, { ...scanned, state: 'scanned' });
      await authorised();
      const detailFor = (await apiAs(page, harness.base, '/api/referrals?awaitingBooking=true&limit=50'))
        .body as ListJson;
      const followUp = detailFor.items.find((r) => r.patient.familyName === 'Ward');
      if (!followUp) throw new Error('the follow-up is not in the queue');
      const booking = (await apiAs(page, harness.base, `/api/referrals/${followUp.id}/booking`)).body as {
        previousScan: { scannerId: string; startsAt: string };
      };
      expect(booking.previousScan).toEqual({ scannerId: 'DXA-1', startsAt: startsAt.toISOString() });

      await page.reload();
      await page.getByLabel('Scanner').first().selectOption('DXA-3');
      await page.getByRole('button', { name: 'WARD, Edith · DXA' }).click();
      // Chosen, the calendar moves to the previous scan's scanner, and the form says why.
      const ukDay = ukDate(startsAt);
      await page
        .getByRole('note')
        .getByText(
          `Follow-up: booked on DXA-1, the scanner of the previous scan (${ukDay}), so the results can be compared (ROS 4.4).`,
        )
        .waitFor();
      await page.getByRole('group', { name: /^DXA-1: week of/ }).waitFor();
      await page.getByRole('combobox', { name: 'Scanner' }).last().selectOption('DXA-3');
      await page
        .getByRole('note')
        .getByText(
          `Follow-up: the previous scan (${ukDay}) was on DXA-1. Book it there so the results can be compared (ROS 4.4), or give the reason for using DXA-3.`,
        )
        .waitFor();
      await page.getByLabel('Reason for not using DXA-1').waitFor();
      await page.close();
    });
  },
);
