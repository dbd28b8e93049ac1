export declare const GROUPS: Record<string, { mutate: string[]; tests: string[] }>;
export declare const GROUP_ENV: string;
export declare const FILES_ENV: string;
