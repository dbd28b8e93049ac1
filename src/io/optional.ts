/**
 * Optional packages: charts (vega, vega-lite) and workbooks (exceljs) are optional peer dependencies, so an app
 * that only scores does not install them. A job that needs one loads it here, and its absence is a typed error
 * naming what to install rather than Node's "Cannot find package".
 * @module
 */
import { issue, ParIndexError } from '../core/errors.js';

function isMissing(e: unknown, name: string): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  const msg = String((e as Error | null)?.message ?? e);
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(name);
}

/**
 * Runs `load` (a dynamic `import()` of `packages`), turning "package not installed" into a ParIndexError with the
 * npm command that installs it and what it is needed for.
 *
 * @example `await loadOptional(['exceljs'], { en: 'reading XLSX files', vi: 'đọc tệp XLSX' }, () => import('exceljs'))`
 */
export async function loadOptional<T>(
  packages: readonly string[],
  purpose: { en: string; vi: string },
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const missing = packages.filter((p) => isMissing(e, p));
    if (missing.length === 0) throw e;
    const cmd = `npm install ${packages.join(' ')}`;
    throw new ParIndexError(
      [
        issue(
          'io.missing-package',
          'error',
          [],
          `${purpose.en} needs the optional package${packages.length > 1 ? 's' : ''} ${packages.join(', ')}, which ${packages.length > 1 ? 'are' : 'is'} not installed: run \`${cmd}\``,
          `${purpose.vi} cần gói tùy chọn ${packages.join(', ')} nhưng gói này chưa được cài: chạy \`${cmd}\``,
        ),
      ],
      { cause: e },
    );
  }
}
