/**
 * The executable behind `par-index` (package.json's `bin`). It always runs the command line: npm starts it
 * through a link of another name (node_modules/.bin/par-index, a global install, npx), so it must not guess
 * from its own file name whether it was started directly.
 * @module
 */
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not a user error: say so plainly, with the stack for the report.
    process.stderr.write(`par-index: internal error — please report it with the command and input:\n${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
