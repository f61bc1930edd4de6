// The conformance scenario through the official SDK, @nangohq/node (the exact version
// pinned in package.json). See runner.mjs for the arguments and the output.
import { Nango } from '@nangohq/node';
import { run } from './runner.mjs';

await run({ Nango, argv: process.argv.slice(2) });
