import type { AppointmentRecord, Repositories, ScannerRecord } from '@quantrad/store';

/**
 * The patient's latest attended scan on a scanner of this modality, or undefined. A follow-up scan is
 * booked on the same scanner, so that results can be compared (ROS 4.4).
 */
export async function previousScan(
  tx: Pick<Repositories, 'appointments' | 'scanners'>,
  patientId: string,
  modality: ScannerRecord['modality'],
): Promise<AppointmentRecord | undefined> {
  for (const a of await tx.appointments.attendedByPatient(patientId)) {
    if ((await tx.scanners.byId(a.scannerId))?.modality === modality) return a;
  }
  return undefined;
}
