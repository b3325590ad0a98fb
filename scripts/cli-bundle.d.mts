export function cliBundlePath(root: string): string;
export function currentCliBundle(root: string): string | null;
export function writeBundle(root: string, entry: string, outfile: string): Promise<void>;
