import type { AppointmentRecord, PatientRecord, ScannerRecord, ServiceDetailsRecord } from '@quantrad/store';
import { appointmentLetter } from '../reference/appointment-policy.ts';

/** A date and time as a UK patient reads it: "Tuesday 1 December 2026 at 09:30" (UK time). */
export function ukDateTime(iso: string): string {
  const at = new Date(iso);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  // NHS style, without the comma ICU puts after the weekday.
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}`;
}

/** The appointment letter (ROS 4.4; Appendix 4B), as plain text for print or the patient portal. */
export function appointmentLetterText(
  p: PatientRecord,
  a: AppointmentRecord,
  scanner: ScannerRecord,
  service: ServiceDetailsRecord | null,
): string {
  const l = appointmentLetter;
  const contact = [service?.adviceLine, service?.email].filter(
    (v): v is string => v !== null && v !== undefined,
  );
  return [
    ...(service ? [service.name, service.address, ''] : []),
    `${p.givenNames} ${p.familyName}`,
    p.address,
    '',
    l.title.toUpperCase(),
    '',
    `Your appointment is on ${ukDateTime(a.startsAt)}, at ${scanner.location}.`,
    '',
    // ROS 4.4: where to go and what access the room has, as the service records them for the scanner.
    ...(scanner.directions !== null ? [`How to find us: ${scanner.directions}`, ''] : []),
    ...(scanner.accessibility !== null ? [`Access: ${scanner.accessibility}`, ''] : []),
    ...l.paragraphs.flatMap((para) => [para, '']),
    // ROS 4.4: contact details, so the appointment can be changed.
    ...(contact.length > 0 ? [`To contact us: ${contact.join(', ')}.`, ''] : []),
    'Enclosed:',
    ...l.enclosures.map((e) => `- ${e}`),
  ].join('\n');
}
