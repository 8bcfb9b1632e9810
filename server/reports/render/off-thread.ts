/**
 * Rendering off the request thread (issue #12, item 5): documents of background jobs are rendered in a child process
 * (`child.ts`, run by tsx from the sources), one at a time, so that a whole-college printout does not hold the event
 * loop that answers the teachers' requests. The child is started on first use and again after it dies; a document
 * being rendered when it dies is refused with an error (the job retries it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { CopyStamp } from '../certify';
import type { RenderedPdf, ReportDocument } from './documents';

export type RenderRequest = { id: number; document: ReportDocument; stamp?: CopyStamp };
export type RenderReply = { id: number; pdf: Uint8Array; pages: number } | { id: number; error: string };
type ChildMessage = RenderReply | { id: 0; ready: true };

interface Pending {
  resolve(value: RenderedPdf): void;
  reject(error: Error): void;
}

const state = globalThis as typeof globalThis & {
  __ezhRenderer?: { child: ChildProcess; pending: Map<number, Pending>; nextId: number };
};

function renderer() {
  if (state.__ezhRenderer && state.__ezhRenderer.child.exitCode === null && state.__ezhRenderer.child.connected) {
    return state.__ezhRenderer;
  }
  const root = process.cwd();
  // spawn with an IPC channel rather than fork: Turbopack takes fork's path for a module to bundle (next.js#97952).
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'server', 'reports', 'render', 'child.ts')],
    {
      cwd: root,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const current = { child, pending: new Map<number, Pending>(), nextId: 1 };
  child.on('message', (message: ChildMessage) => {
    if ('ready' in message) return;
    const waiting = current.pending.get(message.id);
    if (!waiting) return;
    current.pending.delete(message.id);
    if ('error' in message) waiting.reject(new Error(message.error));
    else waiting.resolve({ pdf: Buffer.from(message.pdf), pages: message.pages });
  });
  child.on('exit', (code, signal) => {
    for (const waiting of current.pending.values()) {
      waiting.reject(new Error(`Процесс печати завершился (${signal ?? code}) во время работы`));
    }
    current.pending.clear();
  });
  // The renderer must not keep the app's process alive on shutdown.
  child.unref();
  child.channel?.unref();
  state.__ezhRenderer = current;
  return current;
}

/** Renders a loaded document (with the stamp of a certified copy) in the renderer process. */
export function renderOffThread(document: ReportDocument, stamp?: CopyStamp): Promise<RenderedPdf> {
  const current = renderer();
  const id = current.nextId++;
  return new Promise<RenderedPdf>((resolve, reject) => {
    current.pending.set(id, { resolve, reject });
    current.child.channel?.ref();
    current.child.send({ id, document, stamp } satisfies RenderRequest, (error) => {
      if (error) {
        current.pending.delete(id);
        reject(error);
      }
    });
  }).finally(() => {
    if (current.pending.size === 0) current.child.channel?.unref();
  });
}

/** Stops the renderer process (tests, shutdown). */
export function stopRenderer(): void {
  state.__ezhRenderer?.child.kill();
  state.__ezhRenderer = undefined;
}
