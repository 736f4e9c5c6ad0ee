import type { Store } from '@quantrad/store';
import type { Actor } from './actor.ts';

/** What every use case is given: the store, the time, who is acting and from where. */
export interface ServiceContext {
  store: Store;
  now: () => Date;
  actor: Actor | null;
  fromAddress: string | null;
}
