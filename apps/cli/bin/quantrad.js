#!/usr/bin/env node
// The quantrad command. The sources are TypeScript; tsx loads them, so no build step stands between a
// fresh clone and a working command.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
