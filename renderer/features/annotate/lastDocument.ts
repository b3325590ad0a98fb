/**
 * The document last open in each project, so reloading the app (or opening the project again)
 * carries on where the annotator was. A display state of this machine: localStorage, not the API.
 */
const key = (projectPath: string) => `marginalia.lastDocument:${projectPath}`;

export function rememberDocument(projectPath: string, documentId: number): void {
  try {
    localStorage.setItem(key(projectPath), String(documentId));
  } catch {
    // Storage refused: the app then opens on the document list, as before.
  }
}

/** The remembered document id, or null when none (or something unreadable) is stored. */
export function rememberedDocument(projectPath: string): number | null {
  try {
    const id = Number(localStorage.getItem(key(projectPath)));
    return Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}
