/**
 * One project opened explicitly, without the app (the CLI): the same project handlers as the app,
 * called with arguments parsed by the same zod schemas, as the local user. Import and export run
 * the same job bodies as the app's handlers, in the foreground under the caller's JobContext.
 */
import type { ApiArgs, ApiResults } from '../contract/api';
import { parseApiArgs } from '../contract/dispatch';
import type {
  AgreementResult,
  ExportReport,
  ImportReport,
  MergeReport,
  PackageReport,
} from '../contract/types';
import { UserError } from '../core/errors';
import type { LayerPolicy } from '../core/layers';
import type { LabelChoices } from '../core/packageMerge';
import { DEFAULT_SCHEMA, type ProjectSchema } from '../core/schema';
import { projectIdentity } from '../store/layers';
import { ProjectStore, type StoreOptions } from '../store/projectStore';
import { computeAgreement, type AgreementProgress } from './agreement';
import type { JobContext } from './jobs';
import { JobRunner } from './jobs';
import { mergePackages, packageLabel, writePackage } from './packages';
import { ImportChoices } from './pathHandles';
import { NO_USER, projectInfo, type Dialogs, type ProjectAccess } from './projectAccess';
import { projectHandlers, type ProjectHandlers, type ProjectMethod } from './projectHandlers';
import { exportJob, importJob } from './transferHandlers';

export { sentenceFor as failureSentence } from '../store/projectFile';

/** Methods a headless caller runs directly; import and export go through importJob/exportJob. */
export type HeadlessMethod = Exclude<ProjectMethod, 'startImport' | 'startExport'>;

/** What `info` shows: the project row, its counts and its schema. */
export interface ProjectSummary {
  name: string;
  path: string;
  createdAt: string;
  offsetUnit: string;
  documents: number;
  spans: number;
  annotators: number;
  schema: ProjectSchema;
  /** The project's stable id, the same in every copy. */
  id: string;
  /** Document assignments (document × annotator), and whether annotators see others' layers. */
  assignments: number;
  annotatorsSeeOthers: boolean;
}

/** No window, so no dialog: a headless caller names its paths itself. */
const NO_DIALOGS: Dialogs = {
  chooseNewProjectPath: () => Promise.reject(new UserError('name the project file')),
  chooseProjectPath: () => Promise.reject(new UserError('name the project file')),
  chooseImportPaths: () => Promise.reject(new UserError('name the files to import')),
  chooseExportPath: () => Promise.reject(new UserError('name the export target')),
  choosePackagePath: () => Promise.reject(new UserError('name the package file with --out FILE')),
  choosePackagesToMerge: () => Promise.reject(new UserError('name the packages to merge')),
};

/** Creates an empty project with the default schema (what the app's New Project makes). */
export function createProjectFile(
  path: string,
  name: string,
  options: StoreOptions = {},
  owner?: string,
): ProjectStore {
  return ProjectStore.create(path, name, DEFAULT_SCHEMA, options, owner);
}

export class HeadlessProject {
  private annotatorId: number | null = null;
  private readonly handlers: ProjectHandlers;

  /** The local user; in a work package, the annotator it was written for (docs/teams.md). */
  private readonly userName: string;

  private constructor(
    private readonly store: ProjectStore,
    userName: string,
  ) {
    this.userName = packageLabel(store)?.annotator ?? userName;
    const access: ProjectAccess = {
      openStore: () => store,
      // The local user's row is made on the first call that annotates, never by a read-only command.
      annotating: () => ({ store, annotatorId: (this.annotatorId ??= store.ensureAnnotator(this.user())) }),
      userName: () => this.user(),
      session: () => ({ user: this.userName, project: projectInfo(store), recent: [] }),
    };
    this.handlers = projectHandlers(access, {
      dialogs: NO_DIALOGS,
      jobs: new JobRunner(),
      importChoices: new ImportChoices(),
    });
  }

  /** Opens `path` for `userName`; `readOnly` takes no lock and refuses every write. */
  static open(path: string, userName: string, options: StoreOptions): HeadlessProject {
    return new HeadlessProject(ProjectStore.open(path, options), userName);
  }

  get path(): string {
    return this.store.path;
  }

  /** Runs one API method as the app would: arguments parsed by its schema, then its handler. */
  call<M extends HeadlessMethod>(method: M, rawArgs: ApiArgs<M>): ApiResults[M] | Promise<ApiResults[M]> {
    const parsed = parseApiArgs(method, rawArgs);
    if (!parsed.ok) throw new UserError(`${parsed.detail}; nothing was changed`);
    const handler = this.handlers[method] as (args: unknown) => ApiResults[M] | Promise<ApiResults[M]>;
    return handler(parsed.args);
  }

  /** getAgreement's figures, with progress while documents are computed (large projects). */
  agreement(rawArgs: ApiArgs<'getAgreement'>, progress?: AgreementProgress): AgreementResult {
    const parsed = parseApiArgs('getAgreement', rawArgs);
    if (!parsed.ok) throw new UserError(`${parsed.detail}; nothing was computed`);
    return computeAgreement(this.store, parsed.args, progress, this.userName || null);
  }

  /** The import startImport would run on `paths`, with arguments parsed by its schema. */
  importJob(
    rawArgs: ApiArgs<'startImport'>,
    paths: readonly string[],
  ): (context: JobContext) => Promise<ImportReport> {
    const parsed = parseApiArgs('startImport', rawArgs);
    if (!parsed.ok) throw new UserError(`${parsed.detail}; nothing was imported`);
    // A refused import leaves no annotator row: the user's is made with the batch, in its transaction.
    return importJob(this.store, parsed.args, paths, {
      localUser: this.user(),
      importerId: this.annotatorId,
      importer: this.user(),
      cancellableWrite: true,
    });
  }

  /** The export startExport would run to `path`, with arguments parsed by its schema. */
  exportJob(rawArgs: ApiArgs<'startExport'>, path: string): (context: JobContext) => Promise<ExportReport> {
    const parsed = parseApiArgs('startExport', rawArgs);
    if (!parsed.ok) throw new UserError(`${parsed.detail}; nothing was written`);
    return exportJob(this.store, parsed.args, path, this.userName || null);
  }

  /** `annotator`'s work package written to `path` (docs/teams.md), as the local user (an owner). */
  writePackage(annotator: string, path: string): PackageReport {
    return writePackage(this.store, annotator, path, this.user());
  }

  /** Returned work packages merged into their annotators' layers, as the local user (an owner). */
  mergePackages(paths: readonly string[], choices: LabelChoices = {}): MergeReport {
    return mergePackages(this.store, paths, this.user(), choices);
  }

  summary(): ProjectSummary {
    const { name, offsetUnit, createdAt } = this.store.info();
    const { documents, spans, annotators } = this.store.counts();
    return {
      name,
      path: this.store.path,
      createdAt,
      offsetUnit,
      documents,
      spans,
      annotators,
      schema: this.store.schema(),
      id: projectIdentity(this.store.database).uid,
      assignments: [...this.store.team.counts().values()].reduce((sum, n) => sum + n, 0),
      annotatorsSeeOthers: this.store.team.policy().annotatorsSeeOthers,
    };
  }

  /** What the project allows beyond the edit rule's defaults (`settings`). */
  layerPolicy(): LayerPolicy {
    return projectIdentity(this.store.database).policy;
  }

  /** Whether the local user has an annotator row yet, without making one. */
  knowsLocalUser(): boolean {
    return this.store.annotators().some((a) => a.name === this.user());
  }

  localUserName(): string {
    return this.user();
  }

  /** Number and title of the documents with an external id (the file name at import). */
  documentsWithExternalId(externalId: string): { id: number; title: string }[] {
    return this.store.documentsWithExternalId(externalId);
  }

  /** Number and title of every document, in import order. */
  documentTitles(): { id: number; title: string }[] {
    return this.store.documentIds();
  }

  getDocument(id: number): { id: number; title: string } | undefined {
    const document = this.store.getDocument(id);
    return document && { id: document.id, title: document.title };
  }

  /** The local user's annotator id, their row made now if it is new. */
  localAnnotator(): number {
    return this.annotating().annotatorId;
  }

  /** Renames through the API's renameDocument handler, as the local user (`by`, from localAnnotator). */
  renameDocument(documentId: number, _by: number, title: string): void {
    const result = this.call('renameDocument', { documentId, title });
    if (result instanceof Promise) throw new Error('renameDocument is expected to answer at once');
  }

  close(): void {
    this.store.close();
  }

  private user(): string {
    if (!this.userName) throw NO_USER();
    return this.userName;
  }

  private annotating() {
    return { annotatorId: (this.annotatorId ??= this.store.ensureAnnotator(this.user())) };
  }
}
