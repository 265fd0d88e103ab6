// Reads Prometheus' text format and picks a few figures out of it: calls per protocol, calls in
// flight and errors. The server's metric names are not fixed here: a family counts as calls when
// its name speaks of calls, requests or RPCs and it is a counter (_total) or a histogram's
// _count; its protocol comes from a protocol-like label or from the name; an error is a sample
// whose status-like label is not a success.

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/gy;
const STATUS_LABELS = ['code', 'status', 'grpc_code', 'grpc_status', 'rpc_grpc_status_code',
  'outcome', 'result', 'fault', 'error_code'];
const SUCCESS = new Set(['', 'ok', '0', '200', 'success', 'none', 'false']);
const PROTOCOL_LABELS = ['protocol', 'transport', 'rpc_system', 'route'];

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

function isCallFamily(name) {
  return /(call|request|rpc)/i.test(name)
    && /(_total|_count)$/.test(name)
    && !/(byte|size|message|length)/i.test(name);
}

function protocolOf(sample) {
  for (const label of PROTOCOL_LABELS) {
    if (sample.labels[label]) return sample.labels[label];
  }
  if (/xml_?rpc/i.test(sample.name)) return 'XML-RPC';
  if (/(connect|gateway|json)/i.test(sample.name)) return 'gateway';
  if (/grpc/i.test(sample.name)) return 'gRPC';
  return 'all';
}

function isError(sample) {
  for (const label of STATUS_LABELS) {
    if (label in sample.labels) return !SUCCESS.has(sample.labels[label].toLowerCase());
  }
  return false;
}

/**
 * The figures: {protocols: [{protocol, calls, errors}], inFlight (null when no gauge says),
 * samples}. Per protocol, the calls and errors are those of its largest family, so that a
 * counter and a histogram of the same calls are not added up.
 */
export function figures(samples) {
  const families = new Map(); // protocol -> family -> {calls, errors}
  let inFlight = null;
  for (const sample of samples) {
    if (/(in_?flight|in_progress|active_(calls|requests)|concurrent)/i.test(sample.name)) {
      inFlight = (inFlight ?? 0) + sample.value;
      continue;
    }
    if (!isCallFamily(sample.name)) continue;
    const protocol = protocolOf(sample);
    if (!families.has(protocol)) families.set(protocol, new Map());
    const family = families.get(protocol);
    const counts = family.get(sample.name) ?? { calls: 0, errors: 0 };
    counts.calls += sample.value;
    if (isError(sample)) counts.errors += sample.value;
    family.set(sample.name, counts);
  }
  const protocols = [...families.entries()].map(([protocol, family]) => {
    const counts = [...family.values()];
    return {
      protocol,
      calls: Math.max(...counts.map((c) => c.calls)),
      errors: Math.max(...counts.map((c) => c.errors)),
    };
  });
  protocols.sort((a, b) => a.protocol.localeCompare(b.protocol));
  return { protocols, inFlight, samples: samples.length };
}
