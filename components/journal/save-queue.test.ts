import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveQueue, type QueueHandlers, type QueuedBatch, type QueueStatus, type SendResult } from './save-queue';

class MemoryStorage {
  data = new Map<string, string>();
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

function setup(storage = new MemoryStorage()) {
  const sent: QueuedBatch[] = [];
  const statuses: QueueStatus[] = [];
  let online = true;
  let answer: (b: QueuedBatch) => SendResult = (b) => ({
    status: 'saved',
    cells: b.cells.map((c) => ({ lessonId: c.lessonId, studentId: c.studentId, attendance: null, grade1: c.text, grade2: null, version: c.baseVersion + 1 })),
    attestation: [],
  });
  const saved: QueuedBatch[] = [];
  const conflicts: QueuedBatch[] = [];
  const handlers: QueueHandlers = {
    async send(batch) {
      sent.push(JSON.parse(JSON.stringify(batch)) as QueuedBatch);
      if (!online) throw new NetworkDown('fetch failed');
      return answer(batch);
    },
    isNetworkError: (e) => e instanceof NetworkDown,
    onSaved: (b) => saved.push(b),
    onInvalid: () => {},
    onConflict: (b) => conflicts.push(b),
    onRefused: () => {},
    onStatus: (s) => statuses.push(s),
  };
  const queue = new SaveQueue('journal:1', storage, handlers);
  return {
    queue, storage, sent, saved, conflicts, statuses,
    setOnline: (v: boolean) => (online = v),
    setAnswer: (f: typeof answer) => (answer = f),
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

  it('keeps edits while offline, says how many wait, and resends them in order with the same batch ids', async () => {
    const t = setup();
    t.setOnline(false);
    t.queue.add('paste', [{ lessonId: 1, studentId: 1, text: '5', baseVersion: 1 }, { lessonId: 2, studentId: 1, text: '4', baseVersion: 1 }]);
    t.queue.add('typing', [{ lessonId: 3, studentId: 1, text: 'н', baseVersion: 1 }]);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.statuses.at(-1)).toEqual({ state: 'offline', pending: 3 });
    expect(JSON.parse(t.storage.getItem('journal:1')!)).toHaveLength(2);
    const firstId = t.sent[0]!.clientBatchId;
    t.setOnline(true);
    await vi.advanceTimersByTimeAsync(3000);
    const ok = t.saved.map((b) => b.source);
    expect(ok).toEqual(['paste', 'typing']);
    expect(t.sent.filter((b) => b.clientBatchId === firstId).length).toBeGreaterThanOrEqual(2);
    expect(t.statuses.at(-1)).toEqual({ state: 'saved' });
    expect(t.storage.getItem('journal:1')).toBeNull();
  });

  it('survives a reload: a new queue on the same storage sends what the old one had not', async () => {
    const storage = new MemoryStorage();
    const before = setup(storage);
    before.setOnline(false);
    before.queue.add('paste', [{ lessonId: 7, studentId: 3, text: '5', baseVersion: 2 }]);
    await vi.advanceTimersByTimeAsync(50);
    before.queue.stop();
    const after = setup(storage);
    expect(after.queue.restored().map((b) => b.cells)).toEqual([[{ lessonId: 7, studentId: 3, text: '5', baseVersion: 2 }]]);
    await after.queue.flush();
    expect(after.saved).toHaveLength(1);
    expect(after.sent[0]!.clientBatchId).toBe(before.sent[0]!.clientBatchId);
  });

  it('on a conflict sends the rest of the batch again and leaves the conflicting cell to the teacher', async () => {
    const t = setup();
    let first = true;
    t.setAnswer((b) => {
      if (first) {
        first = false;
        return { status: 'conflict', conflicts: [{ lessonId: 1, studentId: 1, mine: '5', theirs: '3', version: 2, by: 'Соколова И.' }] };
      }
      return { status: 'saved', cells: [], attestation: [] };
    });
    t.queue.add('paste', [{ lessonId: 1, studentId: 1, text: '5', baseVersion: 1 }, { lessonId: 1, studentId: 2, text: '4', baseVersion: 1 }]);
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
