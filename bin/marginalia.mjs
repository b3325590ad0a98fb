#!/usr/bin/env node
// Runs the TypeScript CLI directly (through tsx), so it works in a checkout right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
