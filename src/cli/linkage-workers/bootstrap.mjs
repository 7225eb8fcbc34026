// Worker entry: registers the TypeScript loader (as bin/siren.js does), then runs the worker module
// named in workerData.module (a path relative to this folder).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(new URL(workerData.module, import.meta.url).href);
