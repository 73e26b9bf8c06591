/** Layout parameters of a Go `text/tabwriter.Writer` with a space pad character and no flags. */
export interface TabwriterOptions {
  /** Minimal cell width including padding; kubectl get uses 6, kubectl describe 0. */
  readonly minWidth?: number;
  /** Spaces added to the widest cell of a column; kubectl get uses 3, kubectl describe 2. */
  readonly padding?: number;
}

interface Cell {
  readonly text: string;
  /** Width in runes, as Go counts it (`utf8.RuneCount`). */
  readonly width: number;
}

const KUBECTL_GET_MIN_WIDTH = 6;
const KUBECTL_GET_PADDING = 3;

/**
 * Aligns tab-separated text exactly as Go's `text/tabwriter` does in one `Flush`.
 * Mirrors `Writer.Write`/`Writer.format`/`Writer.writeLines` (Go src/text/tabwriter/tabwriter.go)
 * with padchar ' ' and flags 0, which is how kubectl configures it (cli-runtime printers
 * `GetNewTabWriter`: minwidth 6, tabwidth 4, padding 3; kubectl describe: 0, 8, 2).
 * Cells are tab-terminated: the text after a line's last tab is not aligned. A column block is
 * a run of consecutive lines that all have a cell in that column; a line with fewer cells ends
 * it, so `describe` sections aligned independently come out as upstream. A line ending in a tab
 * gets its last aligned cell padded, trailing spaces included, as Go does.
 * Deviations: no escapes, `\v`/`\f`, HTML filtering or flags; `tabwidth` is irrelevant with a
 * space pad character and is not taken.
 */
export function formatTabbedText(text: string, options: TabwriterOptions = {}): string {
  const minWidth = options.minWidth ?? KUBECTL_GET_MIN_WIDTH;
  const padding = options.padding ?? KUBECTL_GET_PADDING;
  const rawLines = text.split('\n');
  const lines: Cell[][] = rawLines.map((raw, index) =>
    // Go keeps the text after the last newline as a cell only when it is not empty.
    index === rawLines.length - 1 && raw === '' ? [] : raw.split('\t').map(toCell),
  );
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] ?? [];
      line.forEach((cell, j) => {
        out.push(cell.text);
        const cellWidth = widths[j];
        if (cellWidth !== undefined) out.push(' '.repeat(Math.max(0, cellWidth - cell.width)));
      });
      // The last buffered line has no newline of its own.
      if (i + 1 < lines.length) out.push('\n');
    }
  };

  const format = (first: number, line1: number): void => {
    let line0 = first;
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= (lines[current]?.length ?? 0) - 1) continue;
      // A cell exists in this column: print the lines before the block, then lay the block out.
      writeLines(line0, current);
      line0 = current;
      let width = minWidth;
      for (; current < line1; current++) {
        const line = lines[current] ?? [];
        if (column >= line.length - 1) break;
        width = Math.max(width, (line[column]?.width ?? 0) + padding);
      }
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('');
}

/**
 * Lays out rows of cells as kubectl prints tables: each column as wide as its widest cell plus
 * padding (at least `minWidth`), the last cell of a row unpadded, every row ending in `\n`.
 * Mirrors writing `strings.Join(cells, "\t") + "\n"` per row into cli-runtime's tabwriter
 * (staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go) and flushing it.
 * Deviations: none beyond {@link formatTabbedText}; a cell containing a tab or newline splits
 * as it would upstream.
 */
export function formatColumns(rows: readonly (readonly string[])[], options: TabwriterOptions = {}): string {
  return formatTabbedText(rows.map((cells) => `${cells.join('\t')}\n`).join(''), options);
}

function toCell(text: string): Cell {
  let width = 0;
  for (const _ of text) width++;
  return { text, width };
}
