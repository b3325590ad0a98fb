/** A decision of adjudication as stored and as the API returns it (store/decisions.ts writes it). */
export interface Decision {
  id: number;
  documentId: number;
  /** Names the conflict within the document, as core/conflicts.ts keys it. */
  conflictKey: string;
  /** The conflict's kind (label, boundary, missing span, relation, …; `agreed` for auto-accepted agreement). */
  kind: string;
  /** What was decided (accept, reject, edit). */
  outcome: string;
  /** The versions put in gold: a span as label@start-end, a relation by its type. */
  chosen: string[];
  reason: string;
  reviewer: string;
  decidedAt: string;
  /** Made by an auto-accept rule, not by the reviewer by hand. */
  auto: boolean;
}
