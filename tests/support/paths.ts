/** Paths the tests share, computed once here so that a test finds the repository wherever its file sits. */
import { fileURLToPath } from 'node:url';

/** The repository's root folder, with a trailing separator (`${root}docs/…` and `join(root, …)` both work). */
export const root = fileURLToPath(new URL('../..', import.meta.url));
