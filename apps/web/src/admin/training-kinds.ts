// The kinds of staff training, as packages/service/data/staff-training.json names them (local policy;
// ROS 6.1, 9.1). The API checks the kind; this list only fills the form's choice.
export const TRAINING_KINDS: readonly { id: string; name: string }[] = [
  { id: 'irmer_operator_training', name: 'IR(ME)R operator training' },
  { id: 'irmer_practitioner_training', name: 'IR(ME)R practitioner training' },
  { id: 'dxa_scanning_competency', name: 'DXA scanning competency' },
  { id: 'reporting_competency', name: 'DXA reporting competency' },
  { id: 'equipment_training', name: "Scanner manufacturer's equipment training" },
  { id: 'radiation_protection_update', name: 'Radiation protection update' },
  { id: 'manual_handling', name: 'Manual handling' },
  { id: 'basic_life_support', name: 'Basic life support' },
];
