// The page's script: calls its own backend's /api routes (never Nango directly, so
// no key is ever here) and renders the results.

const $ = (selector) => document.querySelector(selector);

const state = { userId: localStorage.getItem('userId') || 'demo-user', connections: [] };

async function api(path, body) {
  const init = body === undefined
    ? {}
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `${res.status} ${res.statusText}`);
  return data;
}

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function showError(target, error) {
  target.hidden = false;
  target.classList.add('error');
  target.textContent = `Error: ${error.message}`;
}

async function connect() {
  $('#connect-error').hidden = true;
  try {
    const session = await api('/api/sessions', { userId: state.userId });
    $('#connect-link').href = session.connectLink;
    $('#connect-link').textContent = session.connectLink;
    $('#connect-expires').textContent = new Date(session.expiresAt).toLocaleTimeString();
    $('#connect-result').hidden = false;
  } catch (error) {
    $('#connect-result').hidden = true;
    showError($('#connect-error'), error);
  }
}

function connectionRow(c) {
  const metadata = c.metadata && Object.keys(c.metadata).length ? JSON.stringify(c.metadata) : '—';
  return el('tr', {}, [
    el('td', { textContent: c.integration }),
    el('td', { textContent: c.connectionId }),
    el('td', { textContent: c.created ? new Date(c.created).toLocaleString() : '' }),
    el('td', {}, [el('code', { textContent: metadata })]),
  ]);
}

function renderConnections() {
  const { connections } = state;
  $('#connections tbody').replaceChildren(...connections.map(connectionRow));
  $('#no-connections').hidden = connections.length > 0;
  const select = $('#proxy-connection');
  const selected = select.value;
  select.replaceChildren(
    ...connections.map((c) =>
      el('option', { value: `${c.integration}\n${c.connectionId}`, textContent: `${c.integration} / ${c.connectionId}` }),
    ),
  );
  if ([...select.options].some((o) => o.value === selected)) select.value = selected;
}

async function refreshConnections() {
  const { connections } = await api(`/api/connections?userId=${encodeURIComponent(state.userId)}`);
  state.connections = connections;
  renderConnections();
}

async function runProxy(event) {
  event.preventDefault();
  const out = $('#proxy-result');
  out.classList.remove('error');
  const [integration, connectionId] = $('#proxy-connection').value.split('\n');
  if (!connectionId) return showError(out, new Error('connect an integration first'));
  try {
    const result = await api('/api/proxy', { integration, connectionId, endpoint: $('#proxy-endpoint').value });
    out.hidden = false;
    out.textContent = `HTTP ${result.status}\n${JSON.stringify(result.data, null, 2)}`;
  } catch (error) {
    showError(out, error);
  }
}

function webhookItem(e) {
  const badge = e.verified ? 'verified' : 'rejected';
  const what = e.verified
    ? [e.type, e.operation, e.integration, e.connectionId, e.success === false ? 'failed' : ''].filter(Boolean).join(' · ')
    : e.reason;
  return el('li', { className: badge }, [
    el('span', { className: `badge ${badge}`, textContent: badge }),
    el('span', { className: 'what', textContent: what || '' }),
    el('time', { className: 'muted', textContent: new Date(e.receivedAt).toLocaleTimeString() }),
  ]);
}

async function refreshWebhooks() {
  const { events } = await api('/api/events');
  $('#webhooks').replaceChildren(...events.map(webhookItem));
  $('#no-webhooks').hidden = events.length > 0;
}

function useUser(event) {
  event?.preventDefault();
  state.userId = $('#user-id').value.trim() || state.userId;
  localStorage.setItem('userId', state.userId);
  $('#connect-result').hidden = true;
  $('#proxy-result').hidden = true;
  refreshConnections().catch((error) => console.error(error));
}

async function start() {
  $('#user-id').value = state.userId;
  $('#user-form').addEventListener('submit', useUser);
  $('#connect').addEventListener('click', connect);
  $('#refresh-connections').addEventListener('click', () => refreshConnections().catch(console.error));
  $('#proxy-form').addEventListener('submit', runProxy);
  // Back from the Connect window: the new connection is there.
  window.addEventListener('focus', () => refreshConnections().catch(console.error));
  api('/api/info').then((info) => ($('#runtime').textContent = info.runtime), console.error);
  await Promise.all([refreshConnections(), refreshWebhooks()]).catch(console.error);
  setInterval(() => refreshWebhooks().catch(console.error), 2000);
}

start();
