import type { Store } from '@quantrad/store';
import type { Actor } from './actor.ts';

/** What every use case is given: the store, the time, who is acting and from where. */
export interface ServiceContext {
  store: Store;
  now: () => Date;
  actor: Actor | null;
  fromAddress: string | null;
  /**
   * Whether an entitlement counts only while the training it depends on is current (ROS 6.1); unset, the
   * service's staff-training data decides (enforceTrainingForEntitlements).
   */
  trainingRequired?: boolean;
}
