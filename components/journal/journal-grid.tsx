'use client';

import {
  CellStyleModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  LocaleModule,
  ModuleRegistry,
  RenderApiModule,
  RowApiModule,
  ScrollApiModule,
  TextEditorModule,
  themeQuartz,
  TooltipModule,
  ValidationModule,
  type CellFocusedEvent,
  type GridApi,
  type SuppressKeyboardEventParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { JournalLesson, JournalPage } from '@/server/services/journal/page';
import {
  attestationColId,
  buildColumns,
  COMPUTED_COLUMNS,
  lessonColId,
  targetOfColumn,
  type Row,
} from './grid-columns';
import { AG_GRID_RU } from './locale';
import { keyAction } from './grid-keys';
import { isBlock, parseClipboardTable, placeBlock } from './paste';
import type { CellTarget, Edit } from './use-journal-model';
import type { JournalStore } from './journal-store';
import type { BatchSource } from '@/domain/edit-batches';

// Only what the journal uses (AllCommunityModule cost the page 77 KB of gzipped JavaScript more): the row model, the
// text editor, tooltips, cell classes, Russian texts, and the API calls below; pinned and grouped columns, resizing and
// keyboard navigation are in the grid's core. A feature whose module is missing logs «AG Grid: error #200» (the
// teacher's e2e fails on it); outside production, the validation module spells the message out.
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  TextEditorModule,
  TooltipModule,
  CellStyleModule,
  LocaleModule,
  ColumnApiModule,
  RowApiModule,
  RenderApiModule,
  ScrollApiModule,
  ...(process.env.NODE_ENV === 'production' ? [] : [ValidationModule]),
]);

const theme = themeQuartz.withParams({
  fontSize: 13,
  headerFontSize: 12,
  rowHeight: 30,
  headerHeight: 44,
  spacing: 4,
  cellHorizontalPadding: 6,
  fontFamily: "'PT Sans', 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif",
});

export interface JournalGridProps {
  page: JournalPage;
  store: JournalStore;
  apply: (edits: Edit[], source: BatchSource) => boolean;
  onOpenLesson: (lesson: JournalLesson) => void;
  onFocus: (target: CellTarget | null) => void;
  report: (message: string) => void;
  onReady?: (api: GridApi<Row>) => void;
  /** A cell to open at (a link from a pre-flight or a remark: `?lesson=…&student=…`). */
  focus?: { lessonId: number | null; studentId: number | null };
}

/**
 * The grid teachers live in. Spreadsheet keys: typing overwrites the focused cell, Enter commits and moves down (from
 * the last row to the top of the next column), Tab moves right, Delete/Backspace clears; a tab-separated block pasted
 * from Excel lands from the focused cell. AG Grid Community has no clipboard or range editing: those are ours.
 */
export function JournalGrid({ page, store, apply, onOpenLesson, onFocus, report, onReady, focus }: JournalGridProps) {
  const apiRef = useRef<GridApi<Row> | null>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const rows = useMemo<Row[]>(
    () => page.students.map((s, i) => ({ id: s.id, no: i + 1, name: s.name, fullName: s.fullName, spans: s.spans })),
    [page.students],
  );
  const columns = useMemo(() => buildColumns(page, store, onOpenLesson), [page, store, onOpenLesson]);

  // Repaint the cells the store changed, and the student's computed columns with them.
  useEffect(
    () =>
      store.subscribe((keys) => {
        const api = apiRef.current;
        if (!api) return;
        const rowIds = new Set<string>();
        const colIds = new Set<string>(COMPUTED_COLUMNS);
        for (const k of keys) {
          const parts = k.split(':');
          if (parts[0] === 'a') {
            rowIds.add(parts[1]!);
            colIds.add(attestationColId(parts[2]!));
          } else {
            rowIds.add(parts[1]!);
            colIds.add(lessonColId(Number(parts[0])));
          }
        }
        const rowNodes = [...rowIds].map((id) => api.getRowNode(id)).filter((n) => n !== undefined);
        api.refreshCells({ rowNodes, columns: [...colIds], force: true });
      }),
    [store],
  );

  const editsFor = useCallback((colId: string, studentId: number, text: string): Edit | null => {
    const target = targetOfColumn(colId);
    if (!target) return null;
    return { studentId, ...target, text };
  }, []);

  /** The editable columns as AG Grid shows them now, left to right: the grid's positions count these. */
  const editableColumns = useCallback(
    (api: GridApi<Row>) => api.getAllDisplayedColumns().filter((c) => targetOfColumn(c.getColId()) !== null),
    [],
  );

  const suppressKeyboardEvent = useCallback(
    (params: SuppressKeyboardEventParams<Row>) => {
      const { event, api, editing } = params;
      if (event.type !== 'keydown') return false;
      const columns = editableColumns(api);
      const focused = api.getFocusedCell();
      if (!focused) return false;
      const column = columns.findIndex((c) => c.getColId() === focused.column.getColId());
      const rows = api.getDisplayedRowCount();
      // A column that takes no input (№, name, averages) counts as a grid of its own: Enter still moves down it.
      const action =
        column >= 0
          ? keyAction(event, editing, { row: focused.rowIndex, column }, { rows, columns: columns.length })
          : keyAction(event, editing, { row: focused.rowIndex, column: 0 }, { rows, columns: 1 });
      if (column < 0 && action.kind === 'move') {
        api.setFocusedCell(action.to.row, focused.column);
        api.ensureIndexVisible(action.to.row);
        event.preventDefault();
        return true;
      }
      if (column < 0 && action.kind === 'clear') return false;
      if (action.kind === 'native') return false;
      if (action.kind === 'move') {
        if (editing) api.stopEditing();
        const target = columns[action.to.column]!;
        api.ensureColumnVisible(target);
        api.ensureIndexVisible(action.to.row);
        api.setFocusedCell(action.to.row, target);
      } else {
        const edit = params.data ? editsFor(params.column.getColId(), params.data.id, '') : null;
        if (edit) apply([edit], 'typing');
      }
      event.preventDefault();
      return true;
    },
    [apply, editableColumns, editsFor],
  );

  const defaultColDef = useMemo(
    () => ({
      sortable: false,
      resizable: true,
      suppressMovable: true,
      suppressKeyboardEvent,
      valueSetter: (p: {
        colDef: { colId?: string };
        column: { getColId(): string };
        data: Row;
        newValue: unknown;
      }) => {
        const edit = editsFor(
          p.column.getColId(),
          p.data.id,
          typeof p.newValue === 'string' || typeof p.newValue === 'number' ? String(p.newValue) : '',
        );
        if (edit) apply([edit], 'typing');
        return false; // the store holds the value; the grid repaints from it
      },
    }),
    [apply, editsFor, suppressKeyboardEvent],
  );

  // Paste of a block: every cell checked first, then one batch or nothing.
  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper) return;
    const onPaste = (event: ClipboardEvent) => {
      const api = apiRef.current;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (!api || !text) return;
      const editing = api.getEditingCells().length > 0;
      if (editing && !isBlock(text)) return; // a value pasted into the open editor
      event.preventDefault();
      event.stopPropagation();
      if (editing) api.stopEditing(true);
      const focused = api.getFocusedCell();
      if (!focused) return;
      const table = parseClipboardTable(text);
      const columns = editableColumns(api);
      const startCol = columns.findIndex((c) => c.getColId() === focused.column.getColId());
      if (startCol < 0) return;
      const placed = placeBlock(
        table,
        { row: focused.rowIndex, column: startCol },
        { rows: api.getDisplayedRowCount(), columns: columns.length },
      );
      if (!placed.ok) {
        report(placed.message);
        return;
      }
      const edits: Edit[] = [];
      const oneCell = placed.cells.length === 1;
      for (const p of placed.cells) {
        const node = api.getDisplayedRowAtIndex(p.row);
        const edit = node?.data ? editsFor(columns[p.column]!.getColId(), node.data.id, p.text) : null;
        // A refusal names the cell's row and column in the block as well as the student and the date.
        if (edit) edits.push(oneCell ? edit : { ...edit, place: p.place });
      }
      apply(edits, 'paste');
    };
    wrapper.addEventListener('paste', onPaste, true);
    return () => wrapper.removeEventListener('paste', onPaste, true);
  }, [apply, editableColumns, editsFor, report]);

  // Commit the edit being typed before the page is left.
  useEffect(() => {
    const commit = () => apiRef.current?.stopEditing();
    window.addEventListener('pagehide', commit);
    window.addEventListener('beforeunload', commit);
    return () => {
      window.removeEventListener('pagehide', commit);
      window.removeEventListener('beforeunload', commit);
    };
  }, []);

  const onCellFocused = useCallback(
    (e: CellFocusedEvent<Row>) => {
      const colId = typeof e.column === 'object' && e.column ? e.column.getColId() : null;
      const node = e.rowIndex !== null && e.rowIndex !== undefined ? e.api.getDisplayedRowAtIndex(e.rowIndex) : null;
      const target = colId ? targetOfColumn(colId) : null;
      onFocus(target && node?.data ? { studentId: node.data.id, ...target } : null);
    },
    [onFocus],
  );

  return (
    <div
      ref={wrapperRef}
      className="journal-grid"
      data-testid="journal-grid"
      style={{ height: Math.min(44 * 2 + 30 * rows.length + 24, 760) }}
    >
      <AgGridReact<Row>
        theme={theme}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={(p) => String(p.data.id)}
        localeText={AG_GRID_RU}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={300}
        rowBuffer={4}
        groupHeaderHeight={26}
        headerHeight={44}
        suppressColumnVirtualisation={false}
        onGridReady={(e) => {
          apiRef.current = e.api;
          onReady?.(e.api);
        }}
        onFirstDataRendered={(e) => {
          performance.mark('journal-grid-interactive');
          if (!focus) {
            // The published timetable fills the journal to the term's end: open at today's lesson, not at September.
            const latest = page.lessons.filter((l) => l.date <= page.today).at(-1);
            if (latest) e.api.ensureColumnVisible(lessonColId(latest.id), 'end');
            return;
          }
          const row = Math.max(
            0,
            rows.findIndex((r) => r.id === focus.studentId),
          );
          const column =
            focus.lessonId !== null && page.lessons.some((l) => l.id === focus.lessonId)
              ? lessonColId(focus.lessonId)
              : 'name';
          e.api.ensureIndexVisible(row, 'middle');
          e.api.ensureColumnVisible(column, 'middle');
          e.api.setFocusedCell(row, column);
        }}
        onCellFocused={onCellFocused}
      />
    </div>
  );
}
