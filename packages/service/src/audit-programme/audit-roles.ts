import type { Role } from '@quantrad/store';

// Who runs the audit programme (ROS 9.2; IR(ME)R: the employer's audit procedures): the auditor, the
// service manager, the medical physics expert and the IR(ME)R practitioner draw samples, open audits and
// record findings and actions; only the service manager closes an audit or an incident.
export const AUDIT_RUNNERS: readonly Role[] = [
  'auditor',
  'service_manager',
  'medical_physics_expert',
  'irmer_practitioner',
];
export const CLOSERS: readonly Role[] = ['service_manager'];

// ROS 5, 4.9 item 8: anyone on the service's staff reports an incident or near miss (referrers are
// outside the service); the service manager or the medical physics expert investigates its root cause.
export const INCIDENT_REPORTERS: readonly Role[] = [
  'administrator',
  'irmer_practitioner',
  'operator',
  'reporter',
  'medical_physics_expert',
  'service_manager',
  'auditor',
];
export const INCIDENT_INVESTIGATORS: readonly Role[] = ['service_manager', 'medical_physics_expert'];
export const INCIDENT_READERS: readonly Role[] = ['service_manager', 'medical_physics_expert', 'auditor'];
