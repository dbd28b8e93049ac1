/** One entry point of the package. */
export interface Entry {
  readonly subpath: string;
  readonly source: string;
  readonly out: string;
  readonly node: boolean;
}
export declare const ENTRIES: readonly Entry[];
export declare function specifier(entry: Entry): string;
/** A file built beside the entries that no export names (loaded by an entry at run time). */
export declare const BUILT_FILES: readonly { readonly source: string; readonly out: string }[];
