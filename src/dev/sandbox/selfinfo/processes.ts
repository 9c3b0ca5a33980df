import { randomUUID } from 'node:crypto';
import type { SelfinfoDetail } from '../authorization-details.js';
import { TTL } from '../protocol.js';

/** One asynchronous self-information request, bound to the access token that made it. */
export interface SelfinfoProcess {
  processId: string;
  accessTokenId: string;
  clientId: string;
  personaId: string;
  subject: string;
  detail: SelfinfoDetail;
  createdAt: Date;
  /** The signed result, made once when first asked for after it is ready. */
  resultJws?: string;
}

/** After expiry a process still answers EXPIRED for this long, then it is forgotten (404). */
const TOMBSTONE_MS = 60 * 60 * 1000;

export class ProcessStore {
  readonly #processes = new Map<string, SelfinfoProcess>();

  create(process: Omit<SelfinfoProcess, 'processId'>): SelfinfoProcess {
    const created = { ...process, processId: randomUUID() };
    this.#processes.set(created.processId, created);
    return created;
  }

  /** Only the token that created a process may read it. */
  find(processId: string, accessTokenId: string, now: Date): SelfinfoProcess | undefined {
    for (const [id, process] of this.#processes) {
      if (now.getTime() - process.createdAt.getTime() > TTL.result * 1000 + TOMBSTONE_MS) this.#processes.delete(id);
    }
    const process = this.#processes.get(processId);
    return process?.accessTokenId === accessTokenId ? process : undefined;
  }

  /** Results are kept for 10 minutes; after that only the fact that they expired remains. */
  expireIfDue(process: SelfinfoProcess, now: Date): boolean {
    if (now.getTime() - process.createdAt.getTime() < TTL.result * 1000) return false;
    delete process.resultJws;
    return true;
  }
}
