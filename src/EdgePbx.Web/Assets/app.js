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
  const live = document.querySelectorAll('[data-live]');
  if (!live.length) return;
  const uptime = s => s >= 86400 ? `${Math.floor(s / 86400)} d ${Math.floor(s % 86400 / 3600)} h`
                                 : `${Math.floor(s / 3600)} h ${Math.floor(s % 3600 / 60)} min`;
  async function refresh() {
    const response = await fetch('/api/status', { credentials: 'same-origin' });
    if (response.status === 401) { location.href = '/login'; return; }
    if (!response.ok) return;
    const status = await response.json();
    for (const el of live) {
      if (el.dataset.live === 'uptime') el.textContent = uptime(status.uptimeSeconds);
      if (el.dataset.live === 'ready') el.textContent = status.ready ? 'yes' : 'no';
    }
  }
  setInterval(refresh, 5000);
})();
