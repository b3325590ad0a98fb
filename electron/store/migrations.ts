/** A random (version 4) UUID, as SQL: identities made by the database need no code at each insert. */
const NEW_UUID = `(lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))))`;

/**
 * Numbered schema migrations. A shipped migration is never edited: add the next one. The schema
 * guard test (projectStore.test.ts) fails when the tables a shipped version creates change.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the data model (docs/architecture.md, Data model).
  `
  CREATE TABLE project (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    offset_unit TEXT NOT NULL DEFAULT 'utf16-code-units',
    created_at TEXT NOT NULL
  );
  CREATE TABLE label (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    hotkey TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'span' CHECK (kind IN ('span', 'document')),
    position INTEGER NOT NULL
  );
  CREATE TABLE attribute_def (
    id INTEGER PRIMARY KEY,
    label_id INTEGER NOT NULL REFERENCES label(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('enum', 'string', 'number', 'bool')),
    options TEXT NOT NULL DEFAULT '[]',
    UNIQUE (label_id, name)
  );
  CREATE TABLE relation_type (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    from_label_id INTEGER NOT NULL REFERENCES label(id) ON DELETE CASCADE,
    to_label_id INTEGER REFERENCES label(id) ON DELETE CASCADE,
    UNIQUE (name, from_label_id)
  );
  CREATE TABLE document (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL DEFAULT '{}',
    newline_policy TEXT NOT NULL,
    imported_at TEXT NOT NULL
  );
  CREATE TABLE annotator (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL DEFAULT 'annotator' CHECK (role IN ('annotator', 'reviewer'))
  );
  CREATE TABLE assignment (
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotator(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    started_at TEXT,
    done_at TEXT,
    PRIMARY KEY (document_id, annotator_id)
  );
  CREATE TABLE span (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotator(id),
    label_id INTEGER NOT NULL REFERENCES label(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    fragments TEXT,
    attributes TEXT NOT NULL DEFAULT '{}',
    note TEXT,
    origin TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'suggested', 'imported', 'adjudicated')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (start >= 0 AND start < "end")
  );
  CREATE INDEX span_by_document ON span (document_id, annotator_id, start);
  CREATE TABLE relation (
    id INTEGER PRIMARY KEY,
    type_id INTEGER NOT NULL REFERENCES relation_type(id),
    from_span_id INTEGER NOT NULL REFERENCES span(id) ON DELETE CASCADE,
    to_span_id INTEGER NOT NULL REFERENCES span(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotator(id)
  );
  CREATE TABLE decision (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    conflict_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    reviewer_id INTEGER NOT NULL REFERENCES annotator(id),
    decided_at TEXT NOT NULL
  );
  CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    annotator_id INTEGER REFERENCES annotator(id),
    document_id INTEGER,
    op TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    before TEXT,
    after TEXT
  );
  CREATE INDEX event_by_document ON event (document_id, id);
  `,
  // 2: undo/redo and history read the event log by action (one user action = one undo step); ids of
  // deleted spans and relations are found through the log so they are never reused; guidelines per project.
  `
  ALTER TABLE event ADD COLUMN action INTEGER;
  ALTER TABLE event ADD COLUMN undoes INTEGER;
  UPDATE event SET action = id;
  CREATE INDEX event_by_action ON event (action);
  CREATE INDEX event_by_entity ON event (entity, entity_id);
  ALTER TABLE project ADD COLUMN guidelines TEXT NOT NULL DEFAULT '';
  `,
  // 3: layers and identities that survive copies. The project and every annotator get a stable UUID;
  // spans and relations a UUID beside their local id, so layers from copies of one project can meet
  // without clashing. Gold becomes a stored layer: a span's `gold` flag, its annotator the reviewer who
  // wrote it (a relation is in its spans' layer). Migration note: the spans of annotators who had the
  // reviewer role become the gold layer, as exports' "gold" already read them. span and relation are
  // rebuilt (SQLite cannot add a column with a computed default); relation_new refers to span_new until
  // the renames, so no foreign-key cascade touches a relation while the old tables go.
  `
  ALTER TABLE project ADD COLUMN uid TEXT;
  ALTER TABLE project ADD COLUMN reviewers_edit_layers INTEGER NOT NULL DEFAULT 0;
  UPDATE project SET uid = ${NEW_UUID};
  CREATE TRIGGER project_uid AFTER INSERT ON project WHEN NEW.uid IS NULL
    BEGIN UPDATE project SET uid = ${NEW_UUID} WHERE id = NEW.id; END;
  ALTER TABLE annotator ADD COLUMN uid TEXT;
  UPDATE annotator SET uid = ${NEW_UUID};
  CREATE UNIQUE INDEX annotator_by_uid ON annotator (uid);
  CREATE TRIGGER annotator_uid AFTER INSERT ON annotator WHEN NEW.uid IS NULL
    BEGIN UPDATE annotator SET uid = ${NEW_UUID} WHERE id = NEW.id; END;
  CREATE TABLE span_new (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT ${NEW_UUID},
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotator(id),
    gold INTEGER NOT NULL DEFAULT 0 CHECK (gold IN (0, 1)),
    label_id INTEGER NOT NULL REFERENCES label(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    fragments TEXT,
    attributes TEXT NOT NULL DEFAULT '{}',
    note TEXT,
    origin TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'suggested', 'imported', 'adjudicated')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (start >= 0 AND start < "end")
  );
  INSERT INTO span_new (id, document_id, annotator_id, gold, label_id, start, "end", fragments, attributes, note,
                        origin, created_at, updated_at)
    SELECT s.id, s.document_id, s.annotator_id, a.role = 'reviewer', s.label_id, s.start, s."end", s.fragments,
           s.attributes, s.note, s.origin, s.created_at, s.updated_at
    FROM span s JOIN annotator a ON a.id = s.annotator_id ORDER BY s.id;
  CREATE TABLE relation_new (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT ${NEW_UUID},
    type_id INTEGER NOT NULL REFERENCES relation_type(id),
    from_span_id INTEGER NOT NULL REFERENCES span_new(id) ON DELETE CASCADE,
    to_span_id INTEGER NOT NULL REFERENCES span_new(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotator(id)
  );
  INSERT INTO relation_new (id, type_id, from_span_id, to_span_id, annotator_id)
    SELECT id, type_id, from_span_id, to_span_id, annotator_id FROM relation ORDER BY id;
  DROP TABLE relation;
  DROP TABLE span;
  ALTER TABLE span_new RENAME TO span;
  ALTER TABLE relation_new RENAME TO relation;
  CREATE INDEX span_by_document ON span (document_id, annotator_id, start);
  `,
  // 4: the event log names the layer of each span and relation edit (`gold` or `annotator:<uid>`), so
  // undo and the history act on the layer a user edits, not on all their rows; earlier edits are placed
  // by their snapshot's gold flag (a relation by its from span), else in their writer's own layer.
  // Decisions (adjudication) get the versions chosen and whether a rule, not a person, made them.
  `
  ALTER TABLE event ADD COLUMN layer TEXT;
  UPDATE event SET layer = CASE
      WHEN entity = 'span' AND json_extract(coalesce(after, before), '$.gold') = 1 THEN 'gold'
      WHEN entity = 'relation' AND (SELECT gold FROM span
        WHERE id = json_extract(coalesce(after, before), '$.fromSpan')) = 1 THEN 'gold'
      ELSE 'annotator:' || (SELECT uid FROM annotator WHERE id = event.annotator_id) END
    WHERE entity IN ('span', 'relation') AND op NOT IN ('import', 'schema') AND annotator_id IS NOT NULL
      AND json_valid(coalesce(after, before, '{}'));
  CREATE INDEX event_by_layer ON event (document_id, layer, action);
  ALTER TABLE decision ADD COLUMN chosen TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE decision ADD COLUMN auto INTEGER NOT NULL DEFAULT 0 CHECK (auto IN (0, 1));
  CREATE UNIQUE INDEX decision_by_conflict ON decision (document_id, conflict_key);
  `,
  // 5: teams. An owner runs the team (roles, assignments): a flag beside the role, which keeps its
  // CHECK (an owner's role column says reviewer: owners write gold). Assignment becomes a fact of its
  // own beside the status row it shares (a status alone is not an assignment), and the project
  // says whether annotators may see others' layers under blind annotation.
  `
  ALTER TABLE annotator ADD COLUMN owner INTEGER NOT NULL DEFAULT 0 CHECK (owner IN (0, 1));
  ALTER TABLE assignment ADD COLUMN assigned INTEGER NOT NULL DEFAULT 0 CHECK (assigned IN (0, 1));
  ALTER TABLE assignment ADD COLUMN assigned_at TEXT;
  CREATE INDEX assignment_assigned ON assignment (annotator_id, document_id) WHERE assigned = 1;
  ALTER TABLE project ADD COLUMN annotators_see_others INTEGER NOT NULL DEFAULT 0;
  `,
  // 6: work packages (docs/teams.md). A package is an ordinary project file with one row saying where
  // it came from: the project's UUID, for whom, when, and the hashes of the documents it carries.
  // Merges are recorded in the event log (op 'merge'), so the origin project needs no table of its own.
  `
  CREATE TABLE package_origin (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    package_uid TEXT NOT NULL,
    project_uid TEXT NOT NULL,
    project_name TEXT NOT NULL,
    annotator_uid TEXT NOT NULL,
    annotator_name TEXT NOT NULL,
    made_at TEXT NOT NULL,
    made_by TEXT NOT NULL,
    documents TEXT NOT NULL
  );
  `,
  // 7: deletions travel (docs/teams.md): a span deleted from an annotator's layer leaves a tombstone, its
  // UUID and when, so a merge can tell a span deleted on one side from one the other side never had. A
  // trigger catches every way a span goes (delete, undo, schema change, merge); gold keeps none.
  `
  CREATE TABLE span_tombstone (
    document_id INTEGER NOT NULL,
    annotator_id INTEGER NOT NULL,
    uid TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    PRIMARY KEY (document_id, annotator_id, uid)
  );
  CREATE TRIGGER span_tombstone AFTER DELETE ON span WHEN old.gold = 0 BEGIN
    INSERT OR REPLACE INTO span_tombstone (document_id, annotator_id, uid, deleted_at)
      VALUES (old.document_id, old.annotator_id, old.uid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
  END;
  `,
  // 8: the progress dashboard reads each person's events in time order (active
  // time, last activity) and the latest merge into each layer from indexes, not by scanning the log.
  `
  CREATE INDEX event_by_annotator ON event (annotator_id, at);
  CREATE INDEX event_merges_by_layer ON event (layer, at) WHERE op = 'merge';
  `,
  // 9: scale (issue 12). A trigram index of the documents' texts for project search, filled off the
  // import path up to a watermark (document_text_state) and kept in step below it by triggers
  // (store/textIndex.ts): contentless, so the texts are not stored twice, and without positions,
  // since every candidate is confirmed by the matcher. And the document list's page of one
  // annotator's documents of one status, counted off in import order from indexes that hold no text
  // (store/documentPages.ts): a row of the document table carries its whole text.
  `
  CREATE VIRTUAL TABLE document_text USING fts5(text, content = '', contentless_delete = 1, detail = none,
    tokenize = 'trigram case_sensitive 0 remove_diacritics 0');
  CREATE TABLE document_text_state (indexed_to INTEGER NOT NULL);
  INSERT INTO document_text_state (indexed_to) VALUES (0);
  CREATE TRIGGER document_text_reused AFTER INSERT ON document
    WHEN new.id <= (SELECT indexed_to FROM document_text_state) BEGIN
    INSERT INTO document_text (rowid, text) VALUES (new.id, new.text);
  END;
  CREATE TRIGGER document_text_delete AFTER DELETE ON document
    WHEN old.id <= (SELECT indexed_to FROM document_text_state) BEGIN
    DELETE FROM document_text WHERE rowid = old.id;
  END;
  CREATE TRIGGER document_text_update AFTER UPDATE OF text ON document
    WHEN old.id <= (SELECT indexed_to FROM document_text_state) BEGIN
    DELETE FROM document_text WHERE rowid = old.id;
    INSERT INTO document_text (rowid, text) VALUES (new.id, new.text);
  END;
  CREATE INDEX assignment_by_status ON assignment (annotator_id, status, document_id, assigned);
  CREATE INDEX document_order ON document (id);
  `,
  // 10: the progress dashboard counts each layer's spans per label from this index alone, not by
  // reading and sorting every span (0.14 s of CPU at 400,000 spans, 0.02 s with it); and keeps its
  // status counts until an assignment row changes, which the counter says whoever wrote it.
  `
  CREATE INDEX span_labels_by_layer ON span (annotator_id, label_id) WHERE gold = 0;
  CREATE TABLE assignment_changes (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
  INSERT INTO assignment_changes (id, n) VALUES (1, 0);
  CREATE TRIGGER assignment_added AFTER INSERT ON assignment BEGIN
    UPDATE assignment_changes SET n = n + 1;
  END;
  CREATE TRIGGER assignment_removed AFTER DELETE ON assignment BEGIN
    UPDATE assignment_changes SET n = n + 1;
  END;
  CREATE TRIGGER assignment_changed AFTER UPDATE OF status, assigned ON assignment
    WHEN old.status IS NOT new.status OR old.assigned IS NOT new.assigned BEGIN
    UPDATE assignment_changes SET n = n + 1;
  END;
  `,
  // 11: the review queue of a large project opens from what it needs of each document's conflicts
  // (keys, kinds, labels, who took part; the places in full for the page shown), computed once from
  // the annotators' layers and kept here (store/conflictQueue.ts). The rows are current as of the
  // mark: the event they were checked to, and the last project-wide event then; gold and decisions
  // do not touch them. Empty at first, so an old project is filled when its conflicts are computed.
  `
  CREATE TABLE conflict_queue (
    document_id INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,
    conflicts TEXT NOT NULL,
    places TEXT NOT NULL
  );
  CREATE TABLE conflict_queue_mark (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    event INTEGER NOT NULL,
    project INTEGER NOT NULL
  );
  `,
  // 12: ids that are never given again are kept as two numbers, the highest span and relation id
  // that ever left its table (raised by a trigger on delete, cascades included), so a new id no
  // longer needs the event log's index by entity, which every logged edit wrote one more page of.
  // Started from that index.
  `
  CREATE TABLE id_high_water (
    entity TEXT PRIMARY KEY CHECK (entity IN ('span', 'relation')),
    high INTEGER NOT NULL
  );
  INSERT INTO id_high_water (entity, high)
    SELECT 'span', coalesce(max(entity_id), 0) FROM event WHERE entity = 'span';
  INSERT INTO id_high_water (entity, high)
    SELECT 'relation', coalesce(max(entity_id), 0) FROM event WHERE entity = 'relation';
  CREATE TRIGGER span_id_high_water AFTER DELETE ON span
    WHEN old.id > (SELECT high FROM id_high_water WHERE entity = 'span') BEGIN
    UPDATE id_high_water SET high = old.id WHERE entity = 'span';
  END;
  CREATE TRIGGER relation_id_high_water AFTER DELETE ON relation
    WHEN old.id > (SELECT high FROM id_high_water WHERE entity = 'relation') BEGIN
    UPDATE id_high_water SET high = old.id WHERE entity = 'relation';
  END;
  DROP INDEX IF EXISTS event_by_entity;
  `,
  // 13: one index of the event log by document instead of three (by document, by layer, by action),
  // each of which every logged edit wrote a page of. The log is in action order (one writer per
  // file, one transaction per action: an action's rows are consecutive ids), so a document's rows in
  // action order serve undo, redo (a writer's rows told apart in the index) and the history; a
  // document's last event is the last row of its last action; and an action's rows are found from
  // one of them by row id. No layer in it: its long text made a page split every few edits.
  `
  DROP INDEX IF EXISTS event_by_action;
  DROP INDEX IF EXISTS event_by_layer;
  DROP INDEX IF EXISTS event_by_document;
  CREATE INDEX event_by_document_action ON event (document_id, action, annotator_id);
  `,
];
