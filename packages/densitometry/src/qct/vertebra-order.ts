/**
 * Where a vertebra sits in the spine, counted from T1 (0) to L5 (16), or null for anything else. Spine
 * QCT is measured on T12-L4, but any thoracic or lumbar label is accepted so a report can list it.
 */
export function spineIndexOf(label: string): number | null {
  const match = /^(T|L)(\d{1,2})$/.exec(label);
  if (match === null) return null;
  const level = Number(match[2]);
  if (match[1] === 'T') return level >= 1 && level <= 12 ? level - 1 : null;
  return level >= 1 && level <= 5 ? 11 + level : null;
}
