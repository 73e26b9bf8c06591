import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { formatLabels } from '../model/labelSelector.js';
import { formatColumns } from './tabwriter.js';

/**
 * One column of a server-side table.
 * Mirrors `metav1.TableColumnDefinition` (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go);
 * every field is always present, as upstream serialises them without `omitempty`.
 */
export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: `string`, `integer`, `number`, `boolean`. */
  type: string;
  /** OpenAPI format; `name` marks the column holding the object name, else empty. */
  format: string;
  description: string;
  /** 0 = always shown; greater = shown only with `-o wide`. */
  priority: number;
}

/** A condition on one table row, such as `Completed` for a finished pod. Mirrors `metav1.TableRowCondition`. */
export interface TableRowCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** The metadata the server embeds in each row. Mirrors `metav1.PartialObjectMetadata`. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta & { name: string };
}

/** A cell: text, or an integer that kubectl prints in decimal. */
export type TableCell = string | number;

/** One row of a server-side table. Mirrors `metav1.TableRow` with `includeObject=Metadata`. */
export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object: PartialObjectMetadata;
}

/**
 * A server-side table, the `as=Table;g=meta.k8s.io;v=v1` response kubectl get prints.
 * Mirrors `metav1.Table` (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go). Rows always
 * carry the priority>0 cells too, as the API server generates tables with `Wide: true`.
 */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** How {@link printTable} lays a table out: the kubectl get flags that matter for text. */
export interface PrintTableOptions {
  /** `-o wide`: also show columns with priority > 0. */
  readonly wide?: boolean;
  /** `-A`: the per-row namespaces of a leading NAMESPACE column. */
  readonly namespaceColumn?: readonly string[];
  /** `-A` with namespaces taken from each row's object metadata, as kubectl does. */
  readonly withNamespace?: boolean;
  /** `--no-headers`. */
  readonly noHeaders?: boolean;
  /** `--show-labels`: a trailing LABELS column from each row's object metadata. */
  readonly showLabels?: boolean;
}

/**
 * Prints a server-side table as kubectl's human-readable output: upper-cased headers,
 * priority>0 columns only when wide, a leading NAMESPACE column with `-A`, numbers in decimal,
 * multi-line strings cut at the first newline with `...`, then tabwriter layout. A table with
 * no rows prints nothing (kubectl then writes {@link noResourcesFound} to stderr).
 * Mirrors `HumanReadablePrinter.PrintObj` with `decorateTable` and `printTable`
 * (staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go).
 * Deviations: no `--show-kind`, `-L` label columns or watch-event prefix.
 */
export function printTable(table: Table, options: PrintTableOptions = {}): string {
  const wide = options.wide === true;
  const withNamespace = options.namespaceColumn !== undefined || options.withNamespace === true;
  const showLabels = options.showLabels === true;
  if (options.noHeaders !== true && table.rows.length === 0) return '';

  const lines: string[][] = [];
  if (options.noHeaders !== true) {
    const header = table.columnDefinitions
      .filter((column) => wide || column.priority === 0)
      .map((column) => column.name.toUpperCase());
    lines.push([...(withNamespace ? ['NAMESPACE'] : []), ...header, ...(showLabels ? ['LABELS'] : [])]);
  }
  table.rows.forEach((row, index) => {
    const cells: string[] = [];
    if (withNamespace) cells.push(options.namespaceColumn?.[index] ?? row.object.metadata.namespace ?? '');
    row.cells.forEach((cell, i) => {
      const column = table.columnDefinitions[i];
      // Extra cells beyond the definitions are dropped rather than misaligned (issue 66379).
      if (column === undefined || (!wide && column.priority !== 0)) return;
      cells.push(renderCell(cell));
    });
    if (showLabels) cells.push(formatLabels(row.object.metadata.labels));
    lines.push(cells);
  });
  return formatColumns(lines);
}

/**
 * The message kubectl writes to stderr when a list is empty, without the trailing newline.
 * Mirrors the `No resources found` branch of `GetOptions.Run` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go):
 * with a namespace `No resources found in <ns> namespace.`, with `-A` (no namespace) `No resources found`.
 */
export function noResourcesFound(namespace?: string): string {
  return namespace === undefined || namespace === ''
    ? 'No resources found'
    : `No resources found in ${namespace} namespace.`;
}

/**
 * The row object the server embeds: the object's metadata as `PartialObjectMetadata`.
 * Mirrors the `includeObject=Metadata` conversion in the API server's table handler
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go).
 */
export function partialObjectMetadata(metadata: ObjectMeta & { name: string }): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { ...metadata } };
}

/**
 * The `Name` column every resource table starts with.
 * Mirrors the `Name` entries of `AddHandlers` (pkg/printers/internalversion/printers.go), whose
 * description is `metav1.ObjectMeta` swagger doc for `name`.
 */
export const NAME_COLUMN: TableColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};

/**
 * The `Age` column: time since `creationTimestamp`.
 * Mirrors the `Age` entries of `AddHandlers` (pkg/printers/internalversion/printers.go).
 */
export const AGE_COLUMN: TableColumnDefinition = {
  name: 'Age',
  type: 'string',
  format: '',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  priority: 0,
};

/**
 * A column definition with the defaults Go's zero values give (`format` empty, priority 0).
 * Mirrors writing a `metav1.TableColumnDefinition` literal that omits those fields.
 */
export function column(name: string, type: string, description: string, priority = 0): TableColumnDefinition {
  return { name, type, format: '', description, priority };
}

/**
 * Wraps rows into a `meta.k8s.io/v1` Table.
 * Mirrors `TableGenerator.GenerateTable` (pkg/printers/tablegenerator.go) minus the handler lookup.
 */
export function makeTable(columnDefinitions: readonly TableColumnDefinition[], rows: TableRow[]): Table {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: columnDefinitions.map((c) => ({ ...c })),
    rows,
  };
}

function renderCell(cell: TableCell): string {
  if (typeof cell === 'number') return String(cell);
  const newline = cell.indexOf('\n');
  return newline >= 0 ? `${cell.slice(0, newline)}...` : cell;
}
