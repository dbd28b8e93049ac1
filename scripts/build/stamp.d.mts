export declare const root: string;
export declare const STAMP: string;
export declare function buildInputsHash(): string;
