// EdgePbx installer page: small live updates. Every unsafe request carries the session's CSRF token.
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content;
  window.edgepbx = {
    post: (url, body) => fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf ?? '' },
      body: JSON.stringify(body ?? {}),
    }),
  };
  // Destructive forms (delete a message) ask once more; the server still needs the CSRF token either way.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', e => { if (!confirm(form.dataset.confirm)) e.preventDefault(); });
  }
  // A file over the upload limit is refused before it is sent (the server checks again and says why).
  for (const input of document.querySelectorAll('input[type=file][data-max-bytes]')) {
    input.addEventListener('change', () => {
      const max = Number(input.dataset.maxBytes), file = input.files[0];
      input.setCustomValidity(file && file.size > max ? `The file is larger than ${Math.round(max / 1048576)} MiB.` : '');
      input.reportValidity();
    });
  }
  const live = document.querySelectorAll('[data-live]');
  if (!live.length) return;
  const uptime = s => s >= 86400 ? `${Math.floor(s / 86400)} d ${Math.floor(s % 86400 / 3600)} h`
                                 : `${Math.floor(s / 3600)} h ${Math.floor(s % 3600 / 60)} min`;
  const known = v => v === undefined || v === null ? 'not reported' : String(v);
  async function refresh() {
    const response = await fetch('/api/dashboard', { credentials: 'same-origin' });
    if (response.status === 401) { location.href = '/login'; return; }
    if (!response.ok) return;
    const d = await response.json();
    const values = {
      uptime: uptime(d.uptimeSeconds), ready: d.ready ? 'yes' : 'no', 'calls-now': known(d.activeCalls),
      phones: known(d.registeredPhones), trunk: d.trunkState ?? 'not reported', today: String(d.callsToday),
      'answer-rate': d.callsToday ? `${Math.round(100 * d.answeredToday / d.callsToday)} %` : '–',
    };
    for (const el of live) {
      if (el.dataset.live in values) {
        el.textContent = values[el.dataset.live];
        el.classList.toggle('unknown', el.textContent === 'not reported');
      }
    }
  }
  setInterval(refresh, 5000);
})();
