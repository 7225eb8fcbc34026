// Worker entry: registers the TypeScript loader (as bin/siren.js does), then runs the estimate worker.
import { register } from 'tsx/esm/api';

register();
await import('./estimate-worker.ts');
