export function cliBundlePath(root: string): string;
export function currentCliBundle(root: string): string | null;
