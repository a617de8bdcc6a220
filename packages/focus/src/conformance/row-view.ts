/** One row as the cross-column rules read it: each FOCUS column's value and whether it passed its cell checks. */
import type { CellState } from './cell-rules.js';
import type { Cell } from './cells.js';
import type { RowLayout } from './header-rules.js';

export class RowView {
  /** 1-based data row. */
  row = 0;
  private cells: readonly Cell[] = [];
  private readonly states: CellState[];

  constructor(private readonly layout: RowLayout) {
    this.states = new Array<CellState>(layout.width).fill('null');
  }

  /** Points the view at the next row; `states[i]` is what the cell check of position i said. */
  reset(row: number, cells: readonly Cell[]): CellState[] {
    this.row = row;
    this.cells = cells;
    return this.states;
  }

  /** Whether the file has the column at all: rules about an absent column do not apply. */
  has(name: string): boolean {
    return this.layout.index.has(name);
  }

  private state(name: string): CellState | undefined {
    const i = this.layout.index.get(name);
    return i === undefined ? undefined : this.states[i];
  }

  /** Present and null (placeholders such as `NULL` count as null, once reported). */
  isNull(name: string): boolean {
    return this.state(name) === 'null';
  }

  /** Present and not null. */
  isSet(name: string): boolean {
    const s = this.state(name);
    return s === 'valid' || s === 'invalid';
  }

  /** The value when present, not null and of the column's type; otherwise null. */
  valid(name: string): string | null {
    const i = this.layout.index.get(name);
    return i === undefined || this.states[i] !== 'valid' ? null : (this.cells[i] ?? null);
  }

  /** ChargeClass = "Correction" (a null ChargeClass, or none, is not a correction). */
  isCorrection(): boolean {
    return this.valid('ChargeClass') === 'Correction';
  }
}
