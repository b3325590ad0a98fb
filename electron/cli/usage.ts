/**
 * `marginalia --help`: the command line's usage text, each command's lines beside it where the
 * command lives in a file of its own (cli/settings.ts, agreement.ts, review.ts, package.ts, merge.ts, progress.ts).
 */
import { formatInfos } from '../services/formats';
import { PROJECT_EXTENSION } from '../services/workbench';
import { AGREEMENT_USAGE } from './agreement';
import { FEEDBACK_USAGE } from './feedback';
import { MERGE_USAGE } from './merge';
import { PACKAGE_USAGE } from './package';
import { PROGRESS_USAGE } from './progress';
import { REVIEW_USAGE } from './review';
import { SETTINGS_USAGE } from './settings';

const importable = () =>
  formatInfos()
    .filter((f) => f.canImport)
    .map((f) => f.id);
export const exportable = () =>
  formatInfos()
    .filter((f) => f.canExport)
    .map((f) => f.id);

export const usage = () => `Usage: marginalia <command> [options]

Commands:
  new PROJECT                create an empty project file (${PROJECT_EXTENSION}) with the default schema
  import PROJECT PATH...     import files and folders as one batch: all of it or, on any problem, nothing
      --format F             ${importable().join(' | ')} (default: auto, by extension and content)
      --annotator NAME       whose layer the spans become (default: each file's own annotator, else you)
      --gold                 into the gold layer, written by --annotator NAME, who must be a reviewer
      --map-label FROM=TO    import label FROM as the schema's label TO (repeatable)
      --add-labels           add labels the schema lacks (after --map-label) instead of refusing them
      --skip-bad             import the good files and list the bad ones as skipped, instead of
                             refusing the whole batch (it is still refused if no file is good)
      --offsets U            unit of offsets in doccano files that state none: utf16 | codepoint | utf8
                             (default: utf16, as doccano's screen counts; codepoint if only that fits)
  export PROJECT --format F --out PATH
                             write the project in format F (${exportable().join(' | ')})
      --annotators a,b       only these annotators' spans (default: everyone's)
      --gold                 only the gold layer, as reviewers wrote it
      --labels L1,L2         only these labels
      --done-only            only documents marked done
      --offsets U            utf16 (default) | codepoint | utf8
      --split T,D,E          train/dev/test fractions for --format hf (default 0.8,0.1,0.1)
      --seed N               shuffle seed of the split (default 42)
      --doccano-form F       label (default: label: [[start, end, label]]) | entities (entities and
                             relations lists: keeps relations) for --format doccano
                             The loss report (what the format cannot hold) is printed and written
                             beside the export as PATH.loss.txt and PATH.loss.json.
  info PROJECT               show the project's counts and labels
      --json                 as one JSON object (fields in the README)
  rename PROJECT DOCUMENT TITLE
                             give a document a new title; DOCUMENT is its id (the file name at import)
                             or its number
  annotators PROJECT         list the annotators with their roles and span counts
      --json                 as one JSON object: {"annotators": [{id, name, role, spans, assigned}]}
      --role NAME=ROLE       first give NAME the role owner (runs the team), reviewer (writes
                             the gold layer) or annotator (repeatable; owners only)
      --see-others yes|no    whether annotators see others' layers (default no: each sees only
                             their own layer and, once any are assigned, their own documents)
  assign PROJECT --annotators a,b,c [--per-document N]
                             give each document N of these annotators (default 1), round-robin,
                             balanced; replaces those documents' assignments (owners only)
      --seed N | --random    a seeded random draw instead (mulberry32; --random: seed 1)
      --documents D,...      only these documents (number, id or title; default: all)
      --unassign             take the --documents off the --annotators instead (either: all)
  rename-me PROJECT NAME     your new name in the project; your id and spans stay yours
${SETTINGS_USAGE}
${AGREEMENT_USAGE}
${REVIEW_USAGE}
${FEEDBACK_USAGE}
${PACKAGE_USAGE}
${MERGE_USAGE}
${PROGRESS_USAGE}
  serve [PROJECT]            the app in a browser on this machine, where Electron cannot run: prints
                             an address on 127.0.0.1 with a token to open (needs \`npm run build\`)
      --port N               the port to listen on (default: any free one)

Options:
  -h, --help                 show this help
  You are $MARGINALIA_USER, or your login name: imports are recorded under it.
  MARGINALIA_READING_THREAD=off keeps review --auto-accept on one thread (=on: always two).

Exit codes:
  0    done
  1    failed: bad arguments, a missing project, a project open elsewhere (import and
       annotators --role write and need it to themselves; export and info only read), an
       unwritable target (nothing written)
  2    import refused: problems in the files, listed as FILE:LINE: message (nothing written)
  3    import refused: labels or relation types the schema lacks; use --map-label or --add-labels
  130  interrupted (Ctrl-C): nothing written`;
