'use client';

import { AllCommunityModule, ModuleRegistry, themeQuartz, type CellFocusedEvent, type GridApi, type SuppressKeyboardEventParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { JournalLesson, JournalPage } from '@/server/services/journal/page';
import { attestationColId, buildColumns, COMPUTED_COLUMNS, lessonColId, targetOfColumn, type Row } from './grid-columns';
import { AG_GRID_RU } from './locale';
import { isBlock, parseClipboardTable } from './paste';
import type { CellTarget, Edit } from './use-journal-model';
import type { JournalStore } from './journal-store';
import type { BatchSource } from '@/domain/edit-batches';

ModuleRegistry.registerModules([AllCommunityModule]);

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
}

/**
 * The grid teachers live in. Spreadsheet keys: typing overwrites the focused cell, Enter commits and moves down (from
 * the last row to the top of the next column), Tab moves right, Delete/Backspace clears; a tab-separated block pasted
 * from Excel lands from the focused cell. AG Grid Community has no clipboard or range editing: those are ours.
 */
export function JournalGrid({ page, store, apply, onOpenLesson, onFocus, report, onReady }: JournalGridProps) {
  const apiRef = useRef<GridApi<Row> | null>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const rows = useMemo<Row[]>(() => page.students.map((s, i) => ({ id: s.id, no: i + 1, name: s.name, fullName: s.fullName, spans: s.spans })), [page.students]);
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

  const moveDown = useCallback((api: GridApi<Row>) => {
    const focused = api.getFocusedCell();
    if (!focused) return;
    const last = api.getDisplayedRowCount() - 1;
    if (focused.rowIndex < last) {
      api.setFocusedCell(focused.rowIndex + 1, focused.column);
      api.ensureIndexVisible(focused.rowIndex + 1);
      return;
    }
    const columns = api.getAllDisplayedColumns().filter((c) => targetOfColumn(c.getColId()) !== null);
    const next = columns[columns.findIndex((c) => c.getColId() === focused.column.getColId()) + 1];
    if (next) {
      api.ensureColumnVisible(next);
      api.ensureIndexVisible(0);
      api.setFocusedCell(0, next);
    }
  }, []);

  const suppressKeyboardEvent = useCallback(
    (params: SuppressKeyboardEventParams<Row>) => {
      const { event, api, editing } = params;
      if (event.type !== 'keydown' || event.ctrlKey || event.altKey || event.metaKey) return false;
      if (event.key === 'Enter' && !event.shiftKey) {
        if (editing) api.stopEditing();
        moveDown(api);
        event.preventDefault();
        return true;
      }
      if (!editing && (event.key === 'Delete' || event.key === 'Backspace')) {
        const edit = params.data ? editsFor(params.column.getColId(), params.data.id, '') : null;
        if (edit) apply([edit], 'typing');
        event.preventDefault();
        return true;
      }
      return false;
    },
    [apply, editsFor, moveDown],
  );

  const defaultColDef = useMemo(
    () => ({
      sortable: false,
      resizable: true,
      suppressMovable: true,
      suppressKeyboardEvent,
      valueSetter: (p: { colDef: { colId?: string }; column: { getColId(): string }; data: Row; newValue: unknown }) => {
        const edit = editsFor(p.column.getColId(), p.data.id, String(p.newValue ?? ''));
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
      const columns = api.getAllDisplayedColumns().filter((c) => targetOfColumn(c.getColId()) !== null);
      const startCol = columns.findIndex((c) => c.getColId() === focused.column.getColId());
      if (startCol < 0) return;
      const edits: Edit[] = [];
      const outside: string[] = [];
      table.forEach((line, r) => {
        const node = api.getDisplayedRowAtIndex(focused.rowIndex + r);
        line.forEach((value, c) => {
          const column = columns[startCol + c];
          if (!node?.data || !column) {
            outside.push(value);
            return;
          }
          const edit = editsFor(column.getColId(), node.data.id, value);
          if (edit) edits.push(edit);
        });
      });
      if (outside.length > 0) {
        report(`Ничего не вставлено: блок ${table.length}×${table[0]?.length ?? 0} выходит за край журнала от выбранной ячейки.`);
        return;
      }
      apply(edits, 'paste');
    };
    wrapper.addEventListener('paste', onPaste, true);
    return () => wrapper.removeEventListener('paste', onPaste, true);
  }, [apply, editsFor, report]);

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
    <div ref={wrapperRef} className="journal-grid" data-testid="journal-grid" style={{ height: Math.min(44 * 2 + 30 * rows.length + 24, 760) }}>
      <AgGridReact<Row>
        theme={theme}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={(p) => String(p.data.id)}
        localeText={AG_GRID_RU}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={300}
        groupHeaderHeight={26}
        headerHeight={44}
        suppressColumnVirtualisation={false}
        onGridReady={(e) => {
          apiRef.current = e.api;
          onReady?.(e.api);
        }}
        onFirstDataRendered={() => performance.mark('journal-grid-interactive')}
        onCellFocused={onCellFocused}
      />
    </div>
  );
}
