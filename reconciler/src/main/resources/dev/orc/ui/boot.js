// A classic script, not a module, so that it runs even when the page's modules fail to load: a connection dropped,
// or Chromium abandoned the requests because an address of this machine changed (ERR_NETWORK_CHANGED), as Docker
// changes them while orc up starts pods. The page then loads itself again, once; if that fails too, it says so and
// offers a reload. A login link's code is still unused then: the module that spends it never ran.
window.addEventListener('error', event => {
  if (!(event.target instanceof HTMLScriptElement) || event.target.type !== 'module') return;
  const [navigation] = performance.getEntriesByType('navigation');
  if (!navigation || navigation.type !== 'reload') {
    location.reload();
    return;
  }
  const reason = document.createElement('p');
  reason.className = 'error';
  reason.setAttribute('role', 'alert');
  reason.textContent = "The dashboard's scripts did not load: the connection to the server failed.";
  const again = document.createElement('button');
  again.type = 'button';
  again.dataset.key = 'reload';
  again.textContent = 'Reload';
  again.addEventListener('click', () => location.reload());
  document.getElementById('view').replaceChildren(reason, again);
}, true);
