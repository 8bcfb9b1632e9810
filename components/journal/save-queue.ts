/**
 * The journal's outbox. Every edit goes here first and is kept in the browser (localStorage) until the server has
 * confirmed it, so that nothing is lost to a dropped network or a reload; batches are sent one at a time, in order.
 * Typed cells gather into a small batch for a moment; a paste or a fill is one batch of its own.
 * Each batch carries a client id, so that one resent after a lost answer is not applied twice.
 */
export interface QueuedCell {
  lessonId: number;
  studentId: number;
  text: string;
  baseVersion: number;
}

export interface QueuedAttestation {
  studentId: number;
  field: 'sem' | 'exam' | 'dz' | 'credit' | 'kp' | 'qual';
  text: string;
  baseVersion: number;
}

export type BatchSource = 'typing' | 'paste' | 'fill' | 'import';

export interface QueuedBatch {
  clientBatchId: string;
  source: BatchSource;
  cells: QueuedCell[];
  attestation: QueuedAttestation[];
}

export type SendResult =
  | { status: 'saved'; cells: { lessonId: number; studentId: number; attendance: string | null; grade1: string | null; grade2: string | null; version: number }[]; attestation: { studentId: number; field: string; value: string | null; version: number }[] }
  | { status: 'invalid'; errors: { lessonId?: number; studentId: number; field?: string; message: string }[] }
  | { status: 'conflict'; conflicts: { lessonId?: number; studentId: number; field?: string; mine: string; theirs: string; version: number; by: string | null }[] };

export interface QueueHandlers {
  send(batch: QueuedBatch): Promise<SendResult>;
  /** A network failure (to retry) as opposed to a refusal of the server (to report). */
  isNetworkError(error: unknown): boolean;
  onSaved(batch: QueuedBatch, result: Extract<SendResult, { status: 'saved' }>): void;
  onInvalid(batch: QueuedBatch, result: Extract<SendResult, { status: 'invalid' }>): void;
  onConflict(batch: QueuedBatch, result: Extract<SendResult, { status: 'conflict' }>): void;
  onRefused(batch: QueuedBatch, message: string): void;
  onStatus(status: QueueStatus): void;
}

export type QueueStatus = { state: 'saved' } | { state: 'saving'; pending: number } | { state: 'offline'; pending: number };

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const TYPING_DELAY_MS = 400;
const RETRY_MS = [1000, 2000, 5000, 10000];

let counter = 0;
export function newBatchId(): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${counter}-${random}`;
}

export class SaveQueue {
  private batches: QueuedBatch[];
  private sending = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retry = 0;
  private offline = false;
  private stopped = false;
  private dueAt = 0;

  constructor(
    private readonly storageKey: string,
    private readonly storage: KeyValueStorage,
    private readonly handlers: QueueHandlers,
  ) {
    this.batches = this.load();
  }

  /** Edits restored from the browser after a reload, oldest first. */
  restored(): QueuedBatch[] {
    return this.batches.map((b) => ({ ...b, cells: [...b.cells], attestation: [...b.attestation] }));
  }

  pendingCount(): number {
    return this.batches.reduce((n, b) => n + b.cells.length + b.attestation.length, 0);
  }

  /** The base version a new edit of this cell should carry: the expected one after our own queued edits. */
  queuedBase(lessonId: number, studentId: number): number | null {
    for (let i = this.batches.length - 1; i >= 0; i--) {
      const c = this.batches[i]!.cells.find((x) => x.lessonId === lessonId && x.studentId === studentId);
      if (c) return c.baseVersion + 1;
    }
    return null;
  }

  queuedAttestationBase(studentId: number, field: string): number | null {
    for (let i = this.batches.length - 1; i >= 0; i--) {
      const a = this.batches[i]!.attestation.find((x) => x.studentId === studentId && x.field === field);
      if (a) return a.baseVersion + 1;
    }
    return null;
  }

  /** Typed edits join the open typing batch (the last one, if not yet being sent); others make a batch of their own. */
  add(source: BatchSource, cells: QueuedCell[], attestation: QueuedAttestation[] = []) {
    const last = this.batches.at(-1);
    const canJoin = source === 'typing' && last && last.source === 'typing' && !(this.sending && this.batches.length === 1);
    if (canJoin) {
      for (const c of cells) {
        const i = last.cells.findIndex((x) => x.lessonId === c.lessonId && x.studentId === c.studentId);
        if (i >= 0) last.cells[i] = { ...c, baseVersion: last.cells[i]!.baseVersion };
        else last.cells.push(c);
      }
      for (const a of attestation) {
        const i = last.attestation.findIndex((x) => x.studentId === a.studentId && x.field === a.field);
        if (i >= 0) last.attestation[i] = { ...a, baseVersion: last.attestation[i]!.baseVersion };
        else last.attestation.push(a);
      }
    } else {
      this.batches.push({ clientBatchId: newBatchId(), source, cells, attestation });
    }
    this.persist();
    this.schedule(source === 'typing' ? TYPING_DELAY_MS : 0);
  }

  /** Sends everything now (before undo, before leaving the page). Resolves when the queue is empty or offline. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.drain();
  }

  /** The browser is back online: try at once. */
  wake() {
    this.retry = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.schedule(0);
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Sends after `delay`, unless a send is already due sooner. */
  private schedule(delay: number) {
    if (this.stopped) return;
    const dueAt = Date.now() + delay;
    if (this.timer && this.dueAt <= dueAt) {
      this.report();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, delay);
    this.report();
  }

  private async drain(): Promise<void> {
    if (this.sending || this.stopped) return;
    this.sending = true;
    try {
      while (this.batches.length > 0) {
        const batch = this.batches[0]!;
        let result: SendResult;
        try {
          this.report();
          result = await this.handlers.send(batch);
        } catch (error) {
          if (this.handlers.isNetworkError(error)) {
            this.offline = true;
            this.report();
            const delay = RETRY_MS[Math.min(this.retry, RETRY_MS.length - 1)]!;
            this.retry += 1;
            this.sending = false;
            this.schedule(delay);
            return;
          }
          this.batches.shift();
          this.persist();
          this.handlers.onRefused(batch, error instanceof Error ? error.message : String(error));
          continue;
        }
        this.offline = false;
        this.retry = 0;
        this.batches.shift();
        if (result.status === 'saved') this.handlers.onSaved(batch, result);
        else if (result.status === 'invalid') this.handlers.onInvalid(batch, result);
        else {
          // The cells in conflict wait for the teacher's choice; the rest of the batch goes again as a new batch.
          const inConflict = new Set(result.conflicts.map((c) => `${c.lessonId ?? ''}:${c.studentId}:${c.field ?? ''}`));
          const rest: QueuedBatch = {
            clientBatchId: newBatchId(),
            source: batch.source,
            cells: batch.cells.filter((c) => !inConflict.has(`${c.lessonId}:${c.studentId}:`)),
            attestation: batch.attestation.filter((a) => !inConflict.has(`:${a.studentId}:${a.field}`)),
          };
          if (rest.cells.length + rest.attestation.length > 0) this.batches.unshift(rest);
          this.handlers.onConflict(batch, result);
        }
        this.persist();
      }
    } finally {
      this.sending = false;
      this.report();
    }
  }

  private report() {
    const pending = this.pendingCount();
    if (this.offline && pending > 0) this.handlers.onStatus({ state: 'offline', pending });
    else if (pending > 0 || this.sending) this.handlers.onStatus({ state: 'saving', pending });
    else this.handlers.onStatus({ state: 'saved' });
  }

  private load(): QueuedBatch[] {
    try {
      const raw = this.storage.getItem(this.storageKey);
      const parsed = raw ? (JSON.parse(raw) as QueuedBatch[]) : [];
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }

  private persist() {
    if (this.batches.length === 0) this.storage.removeItem(this.storageKey);
    else this.storage.setItem(this.storageKey, JSON.stringify(this.batches));
  }
}
