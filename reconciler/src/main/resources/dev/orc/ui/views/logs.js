import { h, render, errorBox } from '../dom.js';
import { objectPath } from '../kinds.js';

const MAX_LINES = 5000;

/** A pod's log, followed as it grows; a choice of container, and the previous run's log. */
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
    output.textContent = '';
    const query = new URLSearchParams({ tailLines: '500' });
    if (container.value) query.set('container', container.value);
    if (previous.checked) query.set('previous', 'true');
    else query.set('follow', 'true');
    state.textContent = previous.checked ? 'previous run' : 'following…';
    try {
      for await (const line of api.lines(objectPath('Pod', namespace, name) + '/log?' + query, signal)) {
        const stick = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
        output.append(line + '\n');
        while (output.childNodes.length > MAX_LINES) output.firstChild.remove();
        if (stick) output.scrollTop = output.scrollHeight;
      }
      if (!signal.aborted) state.textContent = 'the log ended (the container stopped)';
    } catch (error) {
      if (!signal.aborted) state.replaceChildren(errorBox(error));
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
