import type { ReactElement } from 'react';
import { ROLE_NAMES, type EntitlementView } from './admin-types.ts';

const STATE_WORDS: Record<EntitlementView['state'], string> = {
  current: 'current',
  future: 'not yet started',
  expired: 'expired',
  ended: 'ended',
};

/** One entitlement in words: "Operator, 2026-01-01 to 2027-03-31 (current)". */
export function entitlementText(e: EntitlementView): string {
  const scope = e.scope === '*' ? '' : ` for ${e.scope}`;
  const until = e.validUntil === null ? 'no expiry' : `expires after ${e.validUntil}`;
  const ended = e.revokedAt === null ? '' : `, ended ${e.revokedAt.slice(0, 10)}`;
  return `${ROLE_NAMES[e.role]}${scope}: from ${e.validFrom}, ${until} (${STATE_WORDS[e.state]}${ended})`;
}

/** A user's entitlements as a list, the lapsed and ended ones marked. */
export function EntitlementList(props: { entitlements: readonly EntitlementView[] }): ReactElement {
  if (props.entitlements.length === 0) return <span>none</span>;
  return (
    <ul className="entitlements">
      {props.entitlements.map((e) => (
        <li key={e.id} className={`entitlement-${e.state}`}>
          {entitlementText(e)}
        </li>
      ))}
    </ul>
  );
}
