#!/usr/bin/env node
// The quantrad service. The sources are TypeScript; tsx loads them, so nothing is built before start.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
const status = await main(process.argv.slice(2));
if (status !== 0) process.exit(status);
