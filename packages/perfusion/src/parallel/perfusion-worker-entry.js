// Entry of a perfusion worker on a Node that cannot run TypeScript itself (no type stripping): registers
// tsx in this thread, resolved from this file (so it works from any working directory), then loads the
// TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./perfusion-worker.ts');
