/** Paths the tests share, computed once here so that a test finds the repository wherever its file sits. */
import { fileURLToPath } from 'node:url';

/** The repository's root folder, with a trailing separator (`${root}docs/…` and `join(root, …)` both work). */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** The bundled example's per-commune evidence files (fixtures/van-lam-2021/<id>.yaml), for tests that copy them. */
export const EXAMPLE_UNIT_FILES = [
  'chi-dao',
  'dai-dong',
  'dinh-du',
  'lac-dao',
  'lac-hong',
  'luong-tai',
  'minh-hai',
  'nhu-quynh',
  'tan-quang',
  'trung-trac',
  'viet-hung',
] as const;
