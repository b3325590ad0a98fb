export function electronBinaryPath(electronDir: string): string | null;
export function missingElectronMessage(env: Record<string, string | undefined>): string;
