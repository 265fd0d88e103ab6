// Health in the header and a small live view of the server's metrics beside the methods.
// Health comes from the JSON gateway's grpc.health.v1.Health/Check, which turns NOT_SERVING
// when the server begins to stop. Metrics come from GET /metrics, polled every
// few seconds while someone is signed in (it needs a reader's token unless the server runs with
// --metrics-public); when it is absent or refused the panel says so and stops asking.

import { el, replace } from './dom.js';
import { unary } from './connect-client.js';
import { figures, parse } from './prometheus.js';
import * as session from './session.js';

const HEALTH_EVERY_MS = 10_000;
const METRICS_EVERY_MS = 5_000;
const GATEWAY_HEALTH = '/grpc.health.v1.Health/Check';

let metricsTimer = null;
let previous = null; // the last figures and when they were read, for rates

async function checkHealth(badge) {
  try {
    const answer = await unary(GATEWAY_HEALTH, {}, {});
    const status = answer.messages[0]?.status;
    if (answer.error !== null || typeof status !== 'string') {
      throw new Error(answer.error ? answer.error.code : 'no status');
    }
    badge.textContent = `health: ${status}`;
    badge.className = `badge ${status === 'SERVING' ? 'good' : 'bad'}`;
  } catch (error) {
    badge.textContent = `health: no answer (${error.message})`;
    badge.className = 'badge bad';
  }
}

/** Checks health now and every few seconds. */
export function startHealth(badge) {
  checkHealth(badge);
  setInterval(() => checkHealth(badge), HEALTH_EVERY_MS);
}

function note(panel, text) {
  replace(panel, el('p', { class: 'note', text }));
}

function stopMetrics() {
  clearInterval(metricsTimer);
  metricsTimer = null;
  previous = null;
}

function rate(protocol, calls, now) {
  const before = previous?.figures.protocols.find((p) => p.protocol === protocol);
  if (!before || now <= previous.at || calls < before.calls) return '';
  return ((calls - before.calls) / ((now - previous.at) / 1000)).toFixed(1);
}

function show(panel, read, now) {
  const rows = read.protocols.map(({ protocol, calls, errors }) => el('tr', {},
    el('th', { scope: 'row', text: protocol }),
    el('td', { text: String(calls) }),
    el('td', { text: rate(protocol, calls, now) }),
    el('td', { text: String(errors) })));
  replace(panel,
    read.protocols.length === 0
      ? el('p', { class: 'note', text: `The metrics answered (${read.samples} samples) but count no call yet.` })
      : el('table', { class: 'figures', id: 'metrics-figures' },
        el('thead', {}, el('tr', {}, ['protocol', 'calls', 'calls/s', 'errors']
          .map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, rows)),
    el('p', { text: `In flight: ${read.inFlight === null ? 'not reported' : read.inFlight}` }),
    el('p', { class: 'note', text: `Read ${new Date(now).toLocaleTimeString()} from /metrics.` }));
}

async function readMetrics(panel) {
  let response;
  try {
    response = await fetch('/metrics', {
      headers: session.authorization(), cache: 'no-store', credentials: 'omit',
    });
  } catch (error) {
    note(panel, `The metrics could not be read: ${error.message}.`);
    return;
  }
  if (response.status === 404) {
    stopMetrics();
    note(panel, 'This server does not serve /metrics.');
    return;
  }
  if (response.status === 401 || response.status === 403) {
    stopMetrics();
    note(panel, `The metrics are refused to this token (HTTP ${response.status}): they need a reader, or a server run with --metrics-public.`);
    return;
  }
  if (!response.ok) {
    note(panel, `The metrics answered HTTP ${response.status}; trying again shortly.`);
    return;
  }
  const now = Date.now();
  const read = figures(parse(await response.text()));
  show(panel, read, now);
  previous = { figures: read, at: now };
}

/** Polls the metrics while signed in; sign-in and sign-out start and stop it. */
export function startMetrics(panel) {
  const follow = () => {
    stopMetrics();
    if (!session.signedIn()) {
      note(panel, "Sign in to see the server's metrics.");
      return;
    }
    note(panel, 'Reading the metrics…');
    readMetrics(panel);
    metricsTimer = setInterval(() => readMetrics(panel), METRICS_EVERY_MS);
  };
  session.onChange(follow);
  follow();
}
