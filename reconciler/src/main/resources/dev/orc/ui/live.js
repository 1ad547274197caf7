import { ApiError } from './api.js';

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 5000;
const GONE = 410;

/**
 * One collection kept live as client-go's reflector keeps one: listed, then followed through the API's watch (streamed
 * JSON lines read with fetch) from the list's resourceVersion. When the watch ends (its lifetime is over) or its
 * connection drops (a server restart, Chromium's ERR_NETWORK_CHANGED), it is resumed from the last resourceVersion seen,
 * an event's or a bookmark's, and the collection is listed again only when the server answers that this version is gone
 * (410). Tries are spaced by a capped back-off, which starts again once a watch has opened. A refusal (403) is shown by
 * the view, not as a lost connection, and asked again in case the user gets the right.
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
    this.version = null;
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
        if (this.version === null) await this.load();
        await this.follow(() => {
          delay = FIRST_RETRY_MS;
          this.connected();
        });
      } catch (error) {
        if (this.abort.signal.aborted) return;
        if (error instanceof ApiError && error.status === GONE) this.version = null;
        else this.failed(error);
      }
      await this.pause(delay);
      delay = Math.min(delay * 2, LAST_RETRY_MS);
    }
  }

  /** Lists the collection as of any recent version (resourceVersion=0): the server answers from its watch cache. */
  async load() {
    const list = await this.api.get(this.at('resourceVersion=0'));
    this.items = new Map(list.items.map(item => [item.metadata.uid, item]));
    this.version = list.metadata.resourceVersion;
    this.loaded = true;
    this.connected();
    this.notify();
  }

  /** Follows the watch from {@code this.version}, which each event and bookmark moves on. */
  async follow(onOpen) {
    const watch = this.at(`watch=true&allowWatchBookmarks=true&resourceVersion=${this.version}`);
    for await (const line of this.api.lines(watch, this.abort.signal, onOpen)) {
      if (!line.trim()) continue;
      const event = JSON.parse(line);
      if (event.type === 'ERROR') {
        throw new ApiError(event.object.code, event.object.reason, event.object.message);
      }
      if (event.type === 'DELETED') this.items.delete(event.object.metadata.uid);
      else if (event.type !== 'BOOKMARK') this.items.set(event.object.metadata.uid, event.object);
      this.version = event.object.metadata.resourceVersion;
      if (event.type !== 'BOOKMARK') this.notify();
    }
  }

  at(query) {
    return this.path + (this.path.includes('?') ? '&' : '?') + query;
  }

  connected() {
    this.onState(true);
    if (!this.error) return;
    this.error = null;
    this.notify();
  }

  failed(error) {
    this.error = error;
    this.onState(error instanceof ApiError && error.status > 0 && error.status < 500);
    this.notify();
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
