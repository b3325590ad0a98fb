/**
 * What `info` and `annotators` print: aligned columns for people, or with --json one JSON object on
 * stdout for pipelines. The JSON field names are documented in the README and stay stable.
 */
import type { AnnotatorInfo } from '../contract/types';
import type { ProjectSummary } from '../services/headless';

/** `marginalia info PROJECT --json`: the summary (with the absolute path), its schema as names. */
export type ProjectInfoJson = Omit<ProjectSummary, 'schema'> & {
  labels: { name: string; hotkey: string; color: string }[];
  relationTypes: string[];
};

/** `marginalia annotators PROJECT --json`, ordered by name. */
export interface AnnotatorsJson {
  annotators: { id: string; name: string; role: string; spans: number; assigned: number }[];
}

export function projectInfo(summary: ProjectSummary): ProjectInfoJson {
  const { id, name, offsetUnit, createdAt, documents, spans, annotators, schema } = summary;
  return {
    id,
    name,
    path: summary.path,
    createdAt,
    offsetUnit,
    documents,
    spans,
    annotators,
    labels: schema.labels.map(({ name, hotkey, color }) => ({ name, hotkey, color })),
    relationTypes: schema.relationTypes.map((r) => r.name),
    assignments: summary.assignments,
    annotatorsSeeOthers: summary.annotatorsSeeOthers,
  };
}

export function annotatorList(annotators: readonly AnnotatorInfo[]): AnnotatorsJson {
  return {
    annotators: annotators.map(({ id, name, role, spans, assigned }) => ({
      id,
      name,
      role,
      spans,
      assigned,
    })),
  };
}

const printJson = (value: unknown) => console.log(JSON.stringify(value, null, 2));

export function printInfo(info: ProjectInfoJson, json: boolean): void {
  if (json) return printJson(info);
  console.log(`project     ${info.name} (${info.path})`);
  console.log(`created     ${info.createdAt}`);
  console.log(`offsets     ${info.offsetUnit}`);
  console.log(`documents   ${info.documents}`);
  console.log(`spans       ${info.spans}`);
  console.log(`annotators  ${info.annotators}`);
  console.log(
    `assigned    ${info.assignments} (annotators see others: ${info.annotatorsSeeOthers ? 'yes' : 'no'})`,
  );
  console.log(`labels      ${info.labels.map((l) => `${l.hotkey} ${l.name}`).join(', ')}`);
}

export function printAnnotators({ annotators }: AnnotatorsJson, json: boolean): void {
  if (json) return printJson({ annotators });
  const width = Math.max(4, ...annotators.map((r) => r.name.length));
  console.log(`${'name'.padEnd(width)}  role       spans  assigned`);
  for (const { name, role, spans, assigned } of annotators)
    console.log(`${name.padEnd(width)}  ${role.padEnd(9)}  ${String(spans).padEnd(5)}  ${assigned}`);
}
