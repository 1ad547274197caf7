import { ApiError } from './api.js';

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 5000;

/**
 * One collection kept live: listed, then followed through the API's watch (streamed JSON lines read with fetch),
 * re-listed after the watch ends or fails (a server restart, a 410 Gone), with a capped back-off between tries. A
 * refusal (403) is shown by the view, not as a lost connection, and asked again in case the user gets the right.
 */
class Collection {
  constructor(api, path, onState) {
    this.api = api;
    this.path = path;
    this.onState = onState;
    this.items = new Map();
    this.listeners = new Set();
    this.error = null;
    this.loaded = false;
    this.abort = new AbortController();
    this.run();
  }

  subscribe(listener) {
    this.listeners.add(listener);
    if (this.loaded || this.error) listener(this);
    return () => this.listeners.delete(listener);
  }

  get list() {
    return [...this.items.values()];
  }

  async run() {
    let delay = FIRST_RETRY_MS;
    while (!this.abort.signal.aborted) {
      try {
        const list = await this.api.get(this.path);
        this.items = new Map(list.items.map(item => [item.metadata.uid, item]));
        this.loaded = true;
        this.error = null;
        this.onState(true);
        this.notify();
        delay = FIRST_RETRY_MS;
        await this.follow(list.metadata.resourceVersion);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.error = error;
        this.onState(error instanceof ApiError && error.status > 0 && error.status < 500);
        this.notify();
      }
      await this.pause(delay);
      delay = Math.min(delay * 2, LAST_RETRY_MS);
    }
  }

  async follow(resourceVersion) {
    const separator = this.path.includes('?') ? '&' : '?';
    const watch = `${this.path}${separator}watch=true&allowWatchBookmarks=true&resourceVersion=${resourceVersion}`;
    for await (const line of this.api.lines(watch, this.abort.signal)) {
      if (!line.trim()) continue;
      const event = JSON.parse(line);
      if (event.type === 'ERROR') {
        throw new ApiError(event.object.code, event.object.reason, event.object.message);
      }
      if (event.type === 'BOOKMARK') continue;
      if (event.type === 'DELETED') this.items.delete(event.object.metadata.uid);
      else this.items.set(event.object.metadata.uid, event.object);
      this.notify();
    }
  }

  notify() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      for (const listener of this.listeners) listener(this);
    });
  }

  pause(ms) {
    return new Promise(resolve => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }

  stop() {
    this.abort.abort();
  }
}

/** The live collections the page shows, shared between views and stopped when no view follows them. */
export class Live {
  constructor(api, onConnection) {
    this.api = api;
    this.onConnection = onConnection;
    this.collections = new Map();
    this.down = new Set();
  }

  connected(path, ok) {
    if (ok) this.down.delete(path);
    else this.down.add(path);
    this.onConnection([...this.down]);
  }

  /** Calls {@code listener} with the collection at every change; returns the function that stops following it. */
  follow(path, listener) {
    let collection = this.collections.get(path);
    if (!collection) {
      collection = new Collection(this.api, path, ok => this.connected(path, ok));
      this.collections.set(path, collection);
    }
    const unsubscribe = collection.subscribe(listener);
    return () => {
      unsubscribe();
      if (collection.listeners.size === 0) {
        collection.stop();
        this.collections.delete(path);
        this.connected(path, true);
      }
    };
  }

  /**
   * Follows several collections, calling {@code listener} with all of them once each has answered, and then at most
   * once a frame however many of them changed in it (a view draws its page once, not once per collection).
   */
  followAll(paths, listener) {
    const latest = new Map();
    let frame = 0;
    const stops = paths.map(path => this.follow(path, collection => {
      latest.set(path, collection);
      if (latest.size < paths.length || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        listener(paths.map(p => latest.get(p)));
      });
    }));
    return () => {
      cancelAnimationFrame(frame);
      stops.forEach(stop => stop());
    };
  }
}
