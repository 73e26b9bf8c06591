import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatColumns, formatTabbedText } from '../../src/kubectl/tabwriter.js';

describe('formatColumns', () => {
  it('lays out the kubectl get ds example of the reference', () => {
    const text = formatColumns([
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
      ['foo', '3', '3', '3', '3', '3', '<none>', '5m'],
    ]);
    expect(text).toBe(
      'NAME   DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'foo    3         3         3       3            3           <none>          5m\n',
    );
  });

  it('pads short columns to the minimum width of 6', () => {
    expect(
      formatColumns([
        ['A', 'B'],
        ['c', 'd'],
      ]),
    ).toBe('A     B\nc     d\n');
  });

  it('prints nothing for no rows', () => {
    expect(formatColumns([])).toBe('');
  });

  it('leaves the last cell unpadded, even when longer rows follow', () => {
    expect(
      formatColumns([
        ['a', 'bbbbbbbbbb'],
        ['cc', 'd'],
      ]),
    ).toBe('a     bbbbbbbbbb\ncc    d\n');
  });

  it('pads the last aligned cell when a row ends in an empty cell, trailing spaces included, as Go does', () => {
    expect(
      formatColumns([
        ['NAME', 'MESSAGE'],
        ['foo', ''],
      ]),
    ).toBe('NAME   MESSAGE\nfoo    \n');
  });

  it('counts width in characters, not UTF-16 units', () => {
    expect(
      formatColumns(
        [
          ['😀', 'x'],
          ['ab', 'y'],
        ],
        { minWidth: 0, padding: 1 },
      ),
    ).toBe('😀  x\nab y\n');
  });

  it('starts every column at the same offset on every line', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '-', '<', '>', '1'), maxLength: 12 });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        (columns, raw) => {
          // kubectl cells are never empty in the last column and never contain spaces.
          const rows = raw.map((r) => r.slice(0, columns).map((c) => (c === '' ? 'x' : c)));
          const lines = formatColumns(rows).split('\n');
          expect(lines.pop()).toBe('');
          const offsets = lines.map((line, i) => {
            const starts: number[] = [];
            let at = 0;
            for (const cellText of (rows[i] ?? []).slice(0, -1)) {
              at = line.indexOf(cellText, at) + cellText.length;
              while (line[at] === ' ') at++;
              starts.push(at);
            }
            return starts;
          });
          for (const starts of offsets) expect(starts).toEqual(offsets[0]);
          for (const line of lines) expect(line.endsWith(' ')).toBe(false);
        },
      ),
    );
  });
});

describe('formatTabbedText', () => {
  it('aligns describe-style blocks independently, with lines without tabs breaking the block', () => {
    const text =
      'Name:\tfoo\nNamespace:\tdefault\nDesired Number of Nodes Scheduled: 3\nPods Status:\t1 Running\nPod Template:\n  Labels:\tapp=foo\n';
    expect(formatTabbedText(text, { minWidth: 0, padding: 2 })).toBe(
      'Name:       foo\nNamespace:  default\nDesired Number of Nodes Scheduled: 3\nPods Status:  1 Running\nPod Template:\n  Labels:  app=foo\n',
    );
  });

  it('ends a column block at a line with fewer cells while outer columns stay aligned', () => {
    // Column 0 spans all three lines; the second line has no aligned cell in column 1, so it
    // splits column 1 into two blocks, each as wide as its own cells.
    const text = 'a\tbbbbbb\tc\nxx\ty\nz\td\te\n';
    expect(formatTabbedText(text, { minWidth: 0, padding: 1 })).toBe('a  bbbbbb c\nxx y\nz  d e\n');
  });

  it('keeps a trailing line without newline unterminated', () => {
    expect(formatTabbedText('a\tb\nccc', { minWidth: 0, padding: 1 })).toBe('a b\nccc');
  });
});
