export declare const CHROMIUM_FLAGS: readonly string[];
export declare function runPage(o: {
  code: string;
  pageScript: string;
  input: unknown;
  mode: 'chromium' | 'vm';
  chromium?: string;
}): unknown;
