import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch ms; undefined for an entry that does not expire. */
  expiresAt?: number;
}

type Models = Record<string, Record<string, Entry>>;

/**
 * The provider's sessions, grants, codes and tokens in one JSON file (mode 0600) beside the
 * accounts, so that a restart of `npm start` keeps the console signed in. The embedded provider is
 * one process serving a handful of people: the whole file is rewritten on each change, in order.
 */
export class FileStore {
  #models: Models = {};
  #writes: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string) {}

  static async open(path: string): Promise<FileStore> {
    const store = new FileStore(path);
    try {
      store.#models = JSON.parse(await readFile(path, 'utf8')) as Models;
    } catch (error) {
      // A first start has no file yet; anything else (a broken file) is worth knowing about.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    store.#prune(Date.now());
    return store;
  }

  /** The adapter of one model (`Session`, `Grant`, `AccessToken`, …), as oidc-provider asks for it. */
  adapter(name: string): Adapter {
    const entries = (): Record<string, Entry> => {
      this.#models[name] ??= {};
      return this.#models[name];
    };
    const live = (id: string): Entry | undefined => {
      const entry = entries()[id];
      return entry && (entry.expiresAt === undefined || entry.expiresAt > Date.now()) ? entry : undefined;
    };
    const findWhere = (test: (payload: AdapterPayload) => boolean) =>
      Object.keys(entries())
        .map(live)
        .find((entry) => entry !== undefined && test(entry.payload))?.payload;
    return {
      upsert: async (id, payload, expiresIn) => {
        entries()[id] = { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) };
        await this.#save();
      },
      find: async (id) => live(id)?.payload,
      findByUid: async (uid) => findWhere((payload) => payload.uid === uid),
      findByUserCode: async (userCode) => findWhere((payload) => payload.userCode === userCode),
      consume: async (id) => {
        const entry = live(id);
        if (!entry) return;
        entry.payload = { ...entry.payload, consumed: Math.floor(Date.now() / 1000) };
        await this.#save();
      },
      destroy: async (id) => {
        delete entries()[id];
        await this.#save();
      },
      revokeByGrantId: async (grantId) => {
        for (const model of Object.values(this.#models)) {
          for (const [id, entry] of Object.entries(model)) {
            if (entry.payload.grantId === grantId) delete model[id];
          }
        }
        await this.#save();
      },
    };
  }

  /** Waits for the writes in flight. */
  flushed(): Promise<void> {
    return this.#writes;
  }

  #prune(now: number): void {
    for (const model of Object.values(this.#models)) {
      for (const [id, entry] of Object.entries(model)) {
        if (entry.expiresAt !== undefined && entry.expiresAt <= now) delete model[id];
      }
    }
  }

  #save(): Promise<void> {
    const write = async () => {
      this.#prune(Date.now());
      const temporary = `${this.path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(this.#models), { mode: 0o600 });
      await rename(temporary, this.path);
    };
    this.#writes = this.#writes.then(write, write);
    return this.#writes;
  }
}
