/** An error the API answered, with the Status object's reason and message. */
export class ApiError extends Error {
  constructor(status, reason, message) {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

/** How many times a request is sent while it fails before any answer, and the first pause between two sends. */
const SENDS = 4;
const FIRST_PAUSE_MS = 250;

/**
 * fetch(), sent again after a growing pause while it fails before any answer arrives (a connection dropped or refused,
 * or Chromium abandoning requests because an address of this machine changed, as Docker changes them): at most SENDS
 * times. An answer, even an error status, is never retried; neither is an abort the page asked for. For one-off
 * requests: a stream (a watch, a followed log) is resumed by its follower, which knows where it left off.
 */
async function fetchPersistently(path, init) {
  for (let send = 1; ; send++) {
    try {
      return await fetch(path, init);
    } catch (error) {
      if (error.name === 'AbortError' || send === SENDS) throw error;
      await new Promise(resolve => setTimeout(resolve, FIRST_PAUSE_MS * 2 ** (send - 1)));
    }
  }
}

/**
 * The API as this page's session reaches it: the session cookie goes with every request (the browser sends it) and
 * the CSRF token in the X-Orc-Csrf header, without which the server ignores the cookie.
 */
export class Api {
  constructor() {
    this.csrf = '';
    this.onUnauthorized = () => {};
  }

  async session() {
    const session = await this.request('GET', '/ui/session');
    this.csrf = session.csrf;
    return session;
  }

  async login(credential) {
    const session = await this.request('POST', '/ui/session', credential);
    this.csrf = session.csrf;
    return session;
  }

  async logout() {
    await this.request('DELETE', '/ui/session');
    this.csrf = '';
  }

  get(path) {
    return this.request('GET', path);
  }

  patch(path, body, type = 'application/merge-patch+json') {
    return this.request('PATCH', path, body, type);
  }

  put(path, body) {
    return this.request('PUT', path, body);
  }

  async request(method, path, body, type = 'application/json') {
    const response = await fetchPersistently(path, {
      method,
      headers: this.headers(body === undefined ? {} : { 'Content-Type': type }),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (response.status === 204) return null;
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw this.failure(response.status, json);
    return json;
  }

  /**
   * The lines of a streaming answer (a watch, a followed log), as they arrive; {@code onOpen} is called once the server
   * has accepted the request, before the first line.
   */
  async *lines(path, signal, onOpen = () => {}) {
    const response = await fetch(path, { headers: this.headers({}), credentials: 'same-origin', signal });
    if (!response.ok) {
      const text = await response.text();
      let json = null;
      try { json = JSON.parse(text); } catch { json = { message: text }; }
      throw this.failure(response.status, json);
    }
    onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        yield buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
      }
    }
    if (buffer) yield buffer;
  }

  headers(extra) {
    return this.csrf ? { ...extra, 'X-Orc-Csrf': this.csrf } : extra;
  }

  failure(status, json) {
    const error = new ApiError(status, json && json.reason, (json && json.message) || 'HTTP ' + status);
    if (status === 401) this.onUnauthorized(error);
    return error;
  }
}
