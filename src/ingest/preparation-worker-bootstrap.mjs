// Entry of the import's preparation worker: registers the TypeScript loader in this thread (as
// bin/siren.js does in the main one), then runs the worker module.
import { register } from 'tsx/esm/api';

register();
await import('./preparation-worker.ts');
