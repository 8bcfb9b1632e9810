/**
 * The journal's outbox. Every edit goes here first and is kept in the browser (localStorage) until the server has
 * confirmed it, so that nothing is lost to a dropped network, a server restart, an ended session or a reload; batches
 * are sent one at a time, in order. Typed cells gather into a small batch for a moment; a paste or a fill is one batch
 * of its own. Each batch carries a client id, so that one resent after a lost answer is not applied twice.
 *
 * A batch leaves the outbox only when the server saved it or refused it for a reason that resending cannot fix
 * (invalid value, conflict, no right to this journal). A 401 keeps everything and waits for the teacher to sign in
 * again; network failures, timeouts and 5xx are retried with backoff (ARCHITECTURE.md «The browser outbox»).
 *
 * Tabs: each tab keeps its own entry (`<prefix>:<tabId>`), so no tab ever writes over another tab's unsent edits
 * (localStorage is shared by every tab of the origin, and a read-merge-write under `navigator.locks` is not available
 * on plain-HTTP LAN addresses, which are not secure contexts). A tab with unsent edits refreshes a heartbeat in its
 * entry; on `pagehide` it marks the entry as left. Any tab of the same journal and user adopts an entry that is left
 * or whose heartbeat stopped, and sends its batches: a batch adopted twice is still applied once (its client id).
 */
import type { inferRouterOutputs } from '@trpc/server';
import type { UnpackedSave } from '@/domain/journal-cells';
import type { AttestationField } from '../../domain/attestation';
import type { BatchSource } from '../../domain/edit-batches';
import type { AppRouter } from '../../server/routers';

export interface QueuedCell {
  lessonId: number;
  studentId: number;
  text: string;
  baseVersion: number;
}

export interface QueuedAttestation {
  studentId: number;
  field: AttestationField;
  text: string;
  baseVersion: number;
}

export type { BatchSource };

export interface QueuedBatch {
  clientBatchId: string;
  source: BatchSource;
  cells: QueuedCell[];
  attestation: QueuedAttestation[];
}

/** The server's answer to a batch, as `journal.save` declares it, with the saved cells unpacked (`unpackSaveResult`). */
export type SendResult = UnpackedSave<inferRouterOutputs<AppRouter>['journal']['save']>;

/**
 * What a failed send means for the batch: `retry` (no answer, timeout, 5xx: keep and send again with backoff),
 * `signedOut` (401: keep, wait for a new sign-in), `refused` (an answer resending cannot change: drop and report).
 */
export type FailureKind = 'retry' | 'signedOut' | 'refused';

export interface QueueHandlers {
  send(batch: QueuedBatch): Promise<SendResult>;
  classify(error: unknown): FailureKind;
  onSaved(batch: QueuedBatch, result: Extract<SendResult, { status: 'saved' }>): void;
  onInvalid(batch: QueuedBatch, result: Extract<SendResult, { status: 'invalid' }>): void;
  onConflict(batch: QueuedBatch, result: Extract<SendResult, { status: 'conflict' }>): void;
  onRefused(batch: QueuedBatch, message: string): void;
  onStatus(status: QueueStatus): void;
  /** Batches taken over from a closed tab (or an older version of the outbox): to show them in the grid. */
  onAdopted?(batches: QueuedBatch[]): void;
}

export type QueueStatus =
  | { state: 'saved' }
  | { state: 'saving'; pending: number }
  | { state: 'offline'; pending: number }
  | { state: 'signedOut'; pending: number };

/** localStorage, or a stand-in with the same four members in tests. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

/** One tab's entry in storage. `beat` is the last heartbeat (ms); 0 once the tab has left. */
interface Entry {
  beat: number;
  batches: QueuedBatch[];
}

const TYPING_DELAY_MS = 400;
/**
 * A send still unanswered after this long is shown as «Нет связи»: the server holds the request while its database
 * fails over (≈15 s measured, docs/region.md), and «Сохранение…» for that long tells the teacher nothing. The send
 * itself goes on; its answer decides the batch.
 */
export const SLOW_ANSWER_MS = 5000;
const RETRY_MS = [1000, 2000, 5000, 10000, 30000];
/** While signed out, look again now and then (a sign-in in another tab brings the session back to this one). */
const SIGNED_OUT_RETRY_MS = 15000;
/** A tab with unsent edits refreshes its heartbeat this often; an entry silent for `STALE_MS` is adopted. */
export const HEARTBEAT_MS = 5000;
export const STALE_MS = 20000;

let counter = 0;
export function newBatchId(): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${counter}-${random}`;
}

export interface QueueOptions {
  /** Storage keys of this journal and user: `<prefix>:<tabId>`. */
  prefix: string;
  tabId?: string;
  /** Entries of the outbox before per-tab entries (one key per journal and user): adopted like a left tab. */
  legacyKeys?: string[];
  now?: () => number;
}

export class SaveQueue {
  private batches: QueuedBatch[] = [];
  private sending = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retry = 0;
  private failure: Exclude<FailureKind, 'refused'> | null = null;
  /** The send in flight has had no answer for SLOW_ANSWER_MS. */
  private slow = false;
  private stopped = false;
  private dueAt = 0;
  private lastBeat = 0;
  readonly tabId: string;
  private readonly prefix: string;
  private readonly legacyKeys: string[];
  private readonly now: () => number;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly handlers: QueueHandlers,
    options: QueueOptions,
  ) {
    this.prefix = options.prefix;
    this.tabId = options.tabId ?? newBatchId();
    this.legacyKeys = options.legacyKeys ?? [];
    this.now = options.now ?? Date.now;
    this.batches = this.takeOrphans(true);
    this.persist();
  }

  private get key() {
    return `${this.prefix}:${this.tabId}`;
  }

  /** Edits restored from the browser (closed tabs, a reload), oldest first. */
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
    const canJoin =
      source === 'typing' && last && last.source === 'typing' && !(this.sending && this.batches.length === 1);
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

  /** Sends everything now (before undo, before leaving the page). Resolves when the queue is empty or cannot send. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.drain();
  }

  /** Back online, the tab shown again, signed in again: try at once. */
  wake() {
    this.retry = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.schedule(0);
  }

  /**
   * Called every few seconds and on the `storage` event: refreshes this tab's heartbeat while it has unsent edits, and
   * adopts the entries of tabs that have left or stopped beating.
   */
  tick() {
    if (this.stopped) return;
    const adopted = this.takeOrphans();
    if (adopted.length > 0) {
      // Older edits first; the batch in flight (if any) stays at the head.
      const head = this.sending ? this.batches.slice(0, 1) : [];
      this.batches = [...head, ...adopted, ...this.batches.slice(head.length)];
      this.handlers.onAdopted?.(adopted);
      this.persist();
      this.wake();
    } else if (this.batches.length > 0 && this.now() - this.lastBeat >= HEARTBEAT_MS) {
      this.persist();
    }
  }

  /** The tab is being closed or hidden for good: another tab may take its unsent edits at once. */
  leave() {
    if (!this.stopped && this.batches.length > 0) this.write({ beat: 0, batches: this.batches });
  }

  /** The tab came back (from the back-forward cache): claim the entry again (a batch adopted meanwhile is applied once). */
  resume() {
    this.persist();
    this.wake();
  }

  /** No more sending, and storage is no longer touched: call `leave()` first to hand the unsent edits on. */
  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Sends after `delay`, unless a send is already due sooner. */
  private schedule(delay: number) {
    if (this.stopped) return;
    const dueAt = this.now() + delay;
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
      while (this.batches.length > 0 && !this.stopped) {
        const batch = this.batches[0]!;
        let result: SendResult;
        const slowTimer = setTimeout(() => {
          this.slow = true;
          this.report();
        }, SLOW_ANSWER_MS);
        try {
          this.report();
          result = await this.handlers.send(batch);
        } catch (error) {
          clearTimeout(slowTimer);
          this.slow = false;
          if (this.stopped) return; // a stopped queue's entry was left to the page that follows
          const kind = this.handlers.classify(error);
          if (kind !== 'refused') {
            // Nothing leaves the outbox: wait and send the same batch (same client id) again.
            this.failure = kind;
            const delay =
              kind === 'signedOut' ? SIGNED_OUT_RETRY_MS : RETRY_MS[Math.min(this.retry, RETRY_MS.length - 1)]!;
            this.retry += 1;
            this.sending = false;
            this.schedule(delay);
            return;
          }
          this.failure = null;
          this.remove(batch);
          this.persist();
          this.handlers.onRefused(batch, error instanceof Error ? error.message : String(error));
          continue;
        }
        clearTimeout(slowTimer);
        this.slow = false;
        if (this.stopped) return;
        this.failure = null;
        this.retry = 0;
        this.remove(batch);
        if (result.status === 'saved') this.handlers.onSaved(batch, result);
        else if (result.status === 'invalid') this.handlers.onInvalid(batch, result);
        else {
          // The cells in conflict wait for the teacher's choice; the rest of the batch goes again as a new batch.
          const inConflict = new Set(
            result.conflicts.map((c) => `${c.lessonId ?? ''}:${c.studentId}:${c.field ?? ''}`),
          );
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
      if (this.sending) {
        this.sending = false;
        this.report();
      }
    }
  }

  private remove(batch: QueuedBatch) {
    this.batches = this.batches.filter((b) => b !== batch);
  }

  private report() {
    const pending = this.pendingCount();
    if (this.failure === 'signedOut' && pending > 0) this.handlers.onStatus({ state: 'signedOut', pending });
    else if ((this.failure === 'retry' || this.slow) && pending > 0)
      this.handlers.onStatus({ state: 'offline', pending });
    else if (pending > 0 || this.sending) this.handlers.onStatus({ state: 'saving', pending });
    else this.handlers.onStatus({ state: 'saved' });
  }

  /** Entries of other tabs of this journal and user that have left or stopped beating, removed from storage. */
  private takeOrphans(withOwn = false): QueuedBatch[] {
    const taken: QueuedBatch[] = [];
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k && k.startsWith(`${this.prefix}:`) && k !== this.key) keys.push(k);
    }
    for (const k of [...this.legacyKeys, ...keys]) {
      const entry = this.read(k, this.legacyKeys.includes(k));
      if (!entry) continue;
      if (entry.beat !== 0 && this.now() - entry.beat < STALE_MS) continue; // a live tab: its edits are its own
      taken.push(...entry.batches);
      this.storage.removeItem(k);
    }
    const own = withOwn ? this.read(this.key, false) : null; // at start: an entry under this very tab id
    if (own) taken.push(...own.batches.filter((b) => !taken.some((t) => t.clientBatchId === b.clientBatchId)));
    return taken;
  }

  private read(key: string, legacy: boolean): Entry | null {
    try {
      const raw = this.storage.getItem(key);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as unknown;
      if (legacy && Array.isArray(parsed)) return { beat: 0, batches: parsed as QueuedBatch[] };
      const entry = parsed as Entry;
      return entry && Array.isArray(entry.batches) ? entry : null;
    } catch {
      return null;
    }
  }

  private persist() {
    if (this.stopped) return;
    if (this.batches.length === 0) this.storage.removeItem(this.key);
    else this.write({ beat: this.now(), batches: this.batches });
  }

  private write(entry: Entry) {
    this.lastBeat = entry.beat;
    this.storage.setItem(this.key, JSON.stringify(entry));
  }
}
