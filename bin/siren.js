#!/usr/bin/env node
// Entry point of the `siren` command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

// A reader that stops early (`siren ... | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
