// Reads Prometheus' text format and picks a few figures out of the server's own metrics
// (docs/metrics.md): calls per protocol and those that failed, from netlab_calls_total by its
// protocol and code labels, and the calls in flight, from netlab_calls_in_flight.

const CALLS = 'netlab_calls_total';
const IN_FLIGHT = 'netlab_calls_in_flight';

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/gy;

/** Every sample: {name, labels, value}. Comments and malformed lines are skipped. */
export function parse(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = SAMPLE.exec(trimmed);
    if (!match) continue;
    const labels = {};
    if (match[2]) {
      LABEL.lastIndex = 0;
      let label;
      while ((label = LABEL.exec(match[2])) !== null) {
        labels[label[1]] = label[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
      }
    }
    const value = Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ name: match[1], labels, value });
  }
  return samples;
}

/**
 * The figures: {protocols: [{protocol, calls, errors}], inFlight (null when the gauge is
 * absent), samples}. An error is a call whose code is not OK.
 */
export function figures(samples) {
  const byProtocol = new Map(); // protocol -> {calls, errors}
  let inFlight = null;
  for (const sample of samples) {
    if (sample.name === IN_FLIGHT) {
      inFlight = (inFlight ?? 0) + sample.value;
    } else if (sample.name === CALLS) {
      const protocol = sample.labels.protocol ?? 'unknown';
      const counts = byProtocol.get(protocol) ?? { calls: 0, errors: 0 };
      counts.calls += sample.value;
      if (sample.labels.code !== 'OK') counts.errors += sample.value;
      byProtocol.set(protocol, counts);
    }
  }
  const protocols = [...byProtocol.entries()].map(([protocol, counts]) => ({ protocol, ...counts }));
  protocols.sort((a, b) => a.protocol.localeCompare(b.protocol));
  return { protocols, inFlight, samples: samples.length };
}
