import { h, render, errorBox } from '../dom.js';
import { objectPath } from '../kinds.js';
import { ApiError } from '../api.js';

const MAX_LINES = 5000;
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 5000;

/**
 * A pod's log, followed as it grows, and followed again from its last lines when the connection drops (a server restart,
 * a browser closing its connections when the machine's addresses change); a choice of container, and the previous run's
 * log.
 */
export function logsView({ api, params }) {
  const [namespace, name] = params;
  const el = h('section', {});
  const output = h('pre', { class: 'log', tabindex: 0, 'aria-live': 'off', id: 'log' });
  const state = h('p', { role: 'status', class: 'muted' });
  const container = h('select', { id: 'container' });
  const previous = h('input', { type: 'checkbox', id: 'previous' });
  let abort = new AbortController();

  const follow = async () => {
    abort.abort();
    abort = new AbortController();
    const signal = abort.signal;
    let delay = FIRST_RETRY_MS;
    while (!signal.aborted) {
      try {
        await stream(signal);
        if (!signal.aborted) state.textContent = 'the log ended (the container stopped)';
        return;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError || previous.checked) {
          state.replaceChildren(errorBox(error));
          return;
        }
        state.textContent = 'reconnecting… (' + error.message + ')';
      }
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, LAST_RETRY_MS);
    }
  };

  /** Shows the last lines and then, unless the previous run's log is asked for, each new line as it comes. */
  const stream = async signal => {
    output.textContent = '';
    const query = new URLSearchParams({ tailLines: '500' });
    if (container.value) query.set('container', container.value);
    if (previous.checked) query.set('previous', 'true');
    else query.set('follow', 'true');
    state.textContent = previous.checked ? 'previous run' : 'following…';
    for await (const line of api.lines(objectPath('Pod', namespace, name) + '/log?' + query, signal)) {
      const stick = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
      output.append(line + '\n');
      while (output.childNodes.length > MAX_LINES) output.firstChild.remove();
      if (stick) output.scrollTop = output.scrollHeight;
    }
  };

  render(el, h('h1', {}, `Logs of ${namespace}/${name}`), h('p', {}, h('a', { href: `#/object/Pod/${namespace}/${name}` }, 'the pod')),
    h('p', { class: 'inline' }, h('label', { for: 'container' }, 'Container '), container, ' ', previous,
      h('label', { for: 'previous' }, ' previous run')),
    state, output);
  container.addEventListener('change', follow);
  previous.addEventListener('change', follow);
  api.get(objectPath('Pod', namespace, name)).then(pod => {
    const names = [...(pod.spec.initContainers || []), ...pod.spec.containers].map(c => c.name);
    render(container, names.map(n => h('option', { value: n, selected: n === pod.spec.containers[0].name }, n)));
    follow();
  }, error => render(el, h('h1', {}, `Logs of ${namespace}/${name}`), errorBox(error)));
  return { el, dispose: () => abort.abort() };
}
