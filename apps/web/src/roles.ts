// The service's roles, IR(ME)R duty holders and its own, as packages/store names them (ROLES), with the
// words the screens use for them.

export const ROLES = [
  'administrator',
  'referrer',
  'irmer_practitioner',
  'operator',
  'reporter',
  'medical_physics_expert',
  'service_manager',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  administrator: 'Administrator',
  referrer: 'Referrer',
  irmer_practitioner: 'IR(ME)R practitioner',
  operator: 'Operator',
  reporter: 'Reporter',
  medical_physics_expert: 'Medical physics expert',
  service_manager: 'Service manager',
  auditor: 'Auditor',
};
