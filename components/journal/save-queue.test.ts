import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SaveQueue,
  STALE_MS,
  type FailureKind,
  type QueueHandlers,
  type QueuedBatch,
  type QueueStatus,
  type SendResult,
} from './save-queue';

class MemoryStorage {
  data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

class NetworkDown extends Error {}
/** An answer of the server with its HTTP status, as the tRPC client reports it. */
class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}
const classify = (e: unknown): FailureKind =>
  e instanceof NetworkDown
    ? 'retry'
    : e instanceof HttpError
      ? e.status === 401
        ? 'signedOut'
        : e.status >= 500
          ? 'retry'
          : 'refused'
      : 'refused';

const PREFIX = 'ezh:outbox:1:7';
/** The stored entries of the journal, whichever tab wrote them. */
const storedBatches = (storage: MemoryStorage) =>
  [...storage.data.entries()]
    .filter(([k]) => k.startsWith(`${PREFIX}:`))
    .flatMap(([, v]) => (JSON.parse(v) as { batches: QueuedBatch[] }).batches);

function setup(storage = new MemoryStorage(), tabId?: string) {
  const sent: QueuedBatch[] = [];
  const statuses: QueueStatus[] = [];
  const refused: string[] = [];
  const adopted: QueuedBatch[] = [];
  let online = true;
  let failWith: Error | null = null;
  /** While set, the server holds every request without an answer (a database failing over behind it). */
  let held: Promise<void> | null = null;
  let answer: (b: QueuedBatch) => SendResult = (b) => ({
    status: 'saved',
    batchId: 1,
    cells: b.cells.map((c) => ({
      lessonId: c.lessonId,
      studentId: c.studentId,
      attendance: null,
      grade1: c.text,
      grade2: null,
      version: c.baseVersion + 1,
    })),
    attestation: [],
  });
  const saved: QueuedBatch[] = [];
  const conflicts: QueuedBatch[] = [];
  const handlers: QueueHandlers = {
    async send(batch) {
      if (held) await held;
      sent.push(JSON.parse(JSON.stringify(batch)) as QueuedBatch);
      if (!online) throw new NetworkDown('fetch failed');
      if (failWith) throw failWith;
      return answer(batch);
    },
    classify,
    onSaved: (b) => saved.push(b),
    onInvalid: () => {},
    onConflict: (b) => conflicts.push(b),
    onRefused: (_b, m) => refused.push(m),
    onStatus: (s) => statuses.push(s),
    onAdopted: (b) => adopted.push(...b),
  };
  const queue = new SaveQueue(storage, handlers, { prefix: PREFIX, tabId });
  return {
    queue,
    storage,
    sent,
    saved,
    conflicts,
    statuses,
    refused,
    adopted,
    setOnline: (v: boolean) => (online = v),
    setAnswer: (f: typeof answer) => (answer = f),
    failWith: (e: Error | null) => (failWith = e),
    /** Holds the answers from now on; the returned function lets them go. */
    holdAnswers: () => {
      let release = () => {};
      held = new Promise<void>((r) => (release = r));
      return () => {
        held = null;
        release();
      };
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SaveQueue', () => {
  it('gathers typed cells into one small batch and sends it after a pause', async () => {
    const t = setup();
    t.queue.add('typing', [{ lessonId: 1, studentId: 1, text: '5', baseVersion: 1 }]);
    t.queue.add('typing', [{ lessonId: 1, studentId: 2, text: '4', baseVersion: 1 }]);
    t.queue.add('typing', [{ lessonId: 1, studentId: 1, text: '3', baseVersion: 2 }]);
    expect(t.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.sent).toHaveLength(1);
    // The cell typed twice keeps the version it was first read at, with the latest text.
    expect(t.sent[0]!.cells).toEqual([
      { lessonId: 1, studentId: 1, text: '3', baseVersion: 1 },
      { lessonId: 1, studentId: 2, text: '4', baseVersion: 1 },
    ]);
    expect(t.statuses.at(-1)).toEqual({ state: 'saved' });
    expect(t.storage.data.size).toBe(0);
  });

  it('keeps a batch refused with 401 (session ended), says so, and sends it after the new sign-in (issue #9.1)', async () => {
    const t = setup();
    t.failWith(new HttpError(401));
    t.queue.add('typing', [{ lessonId: 1, studentId: 1, text: '3', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.statuses.at(-1)).toEqual({ state: 'signedOut', pending: 1 });
    expect(t.saved).toHaveLength(0);
    expect(t.refused).toHaveLength(0);
    expect(storedBatches(t.storage)).toHaveLength(1);
    // Signed in again: the next attempt goes through with the same batch id.
    t.failWith(null);
    t.queue.wake();
    await vi.advanceTimersByTimeAsync(10);
    expect(t.saved).toHaveLength(1);
    expect(t.sent.at(-1)!.clientBatchId).toBe(t.sent[0]!.clientBatchId);
    expect(t.statuses.at(-1)).toEqual({ state: 'saved' });
    expect(storedBatches(t.storage)).toHaveLength(0);
  });

  it('retries a 5xx with backoff like a lost connection, and drops only what the server finally refused', async () => {
    const t = setup();
    t.failWith(new HttpError(500));
    t.queue.add('paste', [{ lessonId: 1, studentId: 1, text: '5', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.statuses.at(-1)).toEqual({ state: 'offline', pending: 1 });
    await vi.advanceTimersByTimeAsync(4000);
    expect(t.sent.length).toBeGreaterThanOrEqual(3);
    expect(storedBatches(t.storage)).toHaveLength(1);
    t.failWith(null);
    await vi.advanceTimersByTimeAsync(10000);
    expect(t.saved).toHaveLength(1);
    // A 403 on this journal cannot be fixed by resending: the batch is dropped and reported.
    t.failWith(new HttpError(403));
    t.queue.add('paste', [{ lessonId: 2, studentId: 1, text: '5', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(10);
    expect(t.refused).toEqual(['HTTP 403']);
    expect(storedBatches(t.storage)).toHaveLength(0);
  });

  it('a send unanswered for 5 s shows «no connection» with what waits, then «saved» when the answer comes (a failover)', async () => {
    const t = setup();
    const release = t.holdAnswers();
    t.queue.add('paste', [{ lessonId: 1, studentId: 1, text: '5', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(4000);
    expect(t.statuses.at(-1)).toEqual({ state: 'saving', pending: 1 });
    t.queue.add('typing', [{ lessonId: 2, studentId: 1, text: '4', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(1500);
    expect(t.statuses.at(-1)).toEqual({ state: 'offline', pending: 2 });
    expect(t.sent).toHaveLength(0); // the one send is still in flight: nothing sent twice meanwhile
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.statuses.at(-1)).toEqual({ state: 'saved' });
    expect(storedBatches(t.storage)).toHaveLength(0);
  });

  it('keeps edits while offline, says how many wait, and resends them in order with the same batch ids', async () => {
    const t = setup();
    t.setOnline(false);
    t.queue.add('paste', [
      { lessonId: 1, studentId: 1, text: '5', baseVersion: 1 },
      { lessonId: 2, studentId: 1, text: '4', baseVersion: 1 },
    ]);
    t.queue.add('typing', [{ lessonId: 3, studentId: 1, text: 'н', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.statuses.at(-1)).toEqual({ state: 'offline', pending: 3 });
    expect(storedBatches(t.storage)).toHaveLength(2);
    const firstId = t.sent[0]!.clientBatchId;
    t.setOnline(true);
    await vi.advanceTimersByTimeAsync(3000);
    const ok = t.saved.map((b) => b.source);
    expect(ok).toEqual(['paste', 'typing']);
    expect(t.sent.filter((b) => b.clientBatchId === firstId).length).toBeGreaterThanOrEqual(2);
    expect(t.statuses.at(-1)).toEqual({ state: 'saved' });
    expect(t.storage.data.size).toBe(0);
  });

  it('survives a reload: a new queue on the same storage sends what the old one had not', async () => {
    const storage = new MemoryStorage();
    const before = setup(storage);
    before.setOnline(false);
    before.queue.add('paste', [{ lessonId: 7, studentId: 3, text: '5', baseVersion: 2 }]);
    await vi.advanceTimersByTimeAsync(50);
    before.queue.leave(); // pagehide
    before.queue.stop();
    const after = setup(storage);
    expect(after.queue.restored().map((b) => b.cells)).toEqual([
      [{ lessonId: 7, studentId: 3, text: '5', baseVersion: 2 }],
    ]);
    await after.queue.flush();
    expect(after.saved).toHaveLength(1);
    expect(after.sent[0]!.clientBatchId).toBe(before.sent[0]!.clientBatchId);
  });

  it('on a conflict sends the rest of the batch again and leaves the conflicting cell to the teacher', async () => {
    const t = setup();
    let first = true;
    t.setAnswer((_b) => {
      if (first) {
        first = false;
        return {
          status: 'conflict',
          conflicts: [{ lessonId: 1, studentId: 1, mine: '5', theirs: '3', version: 2, by: 'Соколова И.', at: null }],
        };
      }
      return { status: 'saved', batchId: null, cells: [], attestation: [] };
    });
    t.queue.add('paste', [
      { lessonId: 1, studentId: 1, text: '5', baseVersion: 1 },
      { lessonId: 1, studentId: 2, text: '4', baseVersion: 1 },
    ]);
    await t.queue.flush();
    expect(t.conflicts).toHaveLength(1);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]!.cells).toEqual([{ lessonId: 1, studentId: 2, text: '4', baseVersion: 1 }]);
    expect(t.sent[1]!.clientBatchId).not.toBe(t.sent[0]!.clientBatchId);
  });

  it('gives the base version expected after the own queued edit', () => {
    const t = setup();
    t.setOnline(false);
    t.queue.add('paste', [{ lessonId: 1, studentId: 1, text: '5', baseVersion: 4 }]);
    expect(t.queue.queuedBase(1, 1)).toBe(5);
    expect(t.queue.queuedBase(1, 2)).toBeNull();
  });
});

describe('SaveQueue in several tabs of one journal (issue #9.2)', () => {
  it('never erases another tab’s unsent edit; a tab opened after the other closed sends it', async () => {
    const storage = new MemoryStorage();
    const a = setup(storage, 'tab-a');
    const b = setup(storage, 'tab-b');
    a.setOnline(false); // only A lost the connection
    a.queue.add('typing', [{ lessonId: 1, studentId: 1, text: '3', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(500);
    b.queue.add('typing', [{ lessonId: 2, studentId: 2, text: '5', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(500);
    expect(b.saved).toHaveLength(1);
    // B saved and emptied its own entry; A's edit is still there.
    expect(storedBatches(storage).map((x) => x.cells[0]!.text)).toEqual(['3']);
    b.queue.tick(); // A is alive (its heartbeat is fresh): B leaves its edit alone
    expect(b.adopted).toHaveLength(0);
    a.queue.leave(); // A is closed
    a.queue.stop();
    const c = setup(storage, 'tab-c'); // the journal opened again
    expect(c.queue.restored().map((x) => x.cells[0]!.text)).toEqual(['3']);
    await c.queue.flush();
    expect(c.saved).toHaveLength(1);
    expect(storage.data.size).toBe(0);
  });

  it('a live tab adopts the edits of a tab that left, or whose heartbeat stopped (a crash)', async () => {
    const storage = new MemoryStorage();
    const a = setup(storage, 'tab-a');
    const b = setup(storage, 'tab-b');
    a.setOnline(false);
    a.queue.add('paste', [{ lessonId: 1, studentId: 1, text: '4', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(100);
    a.queue.stop(); // killed: no pagehide, the heartbeat just stops
    b.queue.tick();
    expect(b.adopted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(STALE_MS + 1000);
    b.queue.tick();
    expect(b.adopted.map((x) => x.cells[0]!.text)).toEqual(['4']);
    await vi.advanceTimersByTimeAsync(10);
    expect(b.saved.map((x) => x.cells[0]!.text)).toEqual(['4']);
  });

  it('sends what an older page left under the outbox key of before per-tab entries', async () => {
    const storage = new MemoryStorage();
    const legacy = [
      {
        clientBatchId: 'old-1',
        source: 'typing',
        cells: [{ lessonId: 5, studentId: 5, text: 'н', baseVersion: 0 }],
        attestation: [],
      },
    ];
    storage.setItem('ezh:journal:1:7', JSON.stringify(legacy));
    const saved: QueuedBatch[] = [];
    const queue = new SaveQueue(
      storage,
      {
        send: async (): Promise<SendResult> => ({ status: 'saved', batchId: null, cells: [], attestation: [] }),
        classify,
        onSaved: (b) => saved.push(b),
        onInvalid: () => {},
        onConflict: () => {},
        onRefused: () => {},
        onStatus: () => {},
      },
      { prefix: PREFIX, legacyKeys: ['ezh:journal:1:7'] },
    );
    await queue.flush();
    expect(saved.map((b) => b.clientBatchId)).toEqual(['old-1']);
    expect(storage.data.size).toBe(0);
  });
});

describe('SaveQueue heartbeat', () => {
  it('never takes its own entry again: the count of unsent edits stays what was typed', async () => {
    const storage = new MemoryStorage();
    const a = setup(storage, 'tab-a');
    a.setOnline(false);
    a.queue.add('typing', [{ lessonId: 1, studentId: 1, text: '3', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(500);
    for (let i = 0; i < 5; i++) {
      a.queue.tick();
      await vi.advanceTimersByTimeAsync(6000);
    }
    expect(a.queue.pendingCount()).toBe(1);
    expect(a.adopted).toHaveLength(0);
    expect(storedBatches(storage)).toHaveLength(1);
  });
});
