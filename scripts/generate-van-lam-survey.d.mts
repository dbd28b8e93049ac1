/** Types of generate-van-lam-survey.mjs (a plain Node script, so the tests can import it). */
/** The commune targets: values of `sipas` and `sipas-cong-chuc`, and the number of respondents. */
export declare const TARGETS: readonly { unit: string; sipas: number; congChuc: number; n: number }[];
/** The responses CSV text; the same for the same seed. */
export declare function generate(seed?: number): string;
