// Command-line flags shared by `npm run sandbox` and `npm start`. Unknown flags are errors,
// so a typo does not silently start a differently configured sandbox.
export function parseFlags(argv, spec) {
  const out = {};
  for (const [name, s] of Object.entries(spec)) if ('default' in s) out[name] = s.default;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = arg.match(/^--([a-z-]+)(?:=(.*))?$/);
    const name = m && Object.keys(spec).find((k) => spec[k].flag === m[1]);
    if (!name) throw new Error(`unknown option ${arg}; options: ${Object.values(spec).map((s) => `--${s.flag}${s.type === 'boolean' ? '' : ' <value>'}`).join(', ')}`);
    const s = spec[name];
    if (s.type === 'boolean') {
      out[name] = m[2] === undefined ? true : m[2] !== 'false';
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${s.flag} needs a value`);
    if (s.type === 'integer') {
      if (!/^\d+$/.test(value)) throw new Error(`--${s.flag} must be a whole number, got ${value}`);
      out[name] = Number(value);
    } else if (s.choices && !s.choices.includes(value)) {
      throw new Error(`--${s.flag} must be one of ${s.choices.join(', ')}`);
    } else out[name] = value;
  }
  return out;
}

export const SANDBOX_FLAGS = {
  port: { flag: 'port', type: 'integer', default: 0 },
  db: { flag: 'db', type: 'string' },
  seed: { flag: 'seed', type: 'boolean', default: true },
  retryDelayMs: { flag: 'retry-delay-ms', type: 'integer', default: 30000 },
  deliveryTimeoutMs: { flag: 'delivery-timeout-ms', type: 'integer', default: 10000 },
  deliveryDelayMs: { flag: 'delivery-delay-ms', type: 'integer', default: 0 },
  deliveryConcurrency: { flag: 'delivery-concurrency', type: 'integer', default: 16 },
  encoding: { flag: 'encoding', type: 'string', choices: ['json', 'form'], default: 'json' },
  log: { flag: 'log', type: 'boolean', default: false },
  faultLatencyMs: { flag: 'fault-latency-ms', type: 'integer', default: 0 },
  faultStatus: { flag: 'fault-status', type: 'integer' },
  faultForbidden: { flag: 'fault-forbidden', type: 'boolean', default: false },
  faultTechnical: { flag: 'fault-technical', type: 'boolean', default: false },
};

/** startSandbox options from parsed flags. */
export function sandboxOptions(flags, defaultDb) {
  return {
    port: flags.port,
    db: flags.db ?? defaultDb,
    seed: flags.seed,
    retryDelayMs: flags.retryDelayMs,
    deliveryTimeoutMs: flags.deliveryTimeoutMs,
    deliveryDelayMs: flags.deliveryDelayMs,
    deliveryConcurrency: flags.deliveryConcurrency,
    encoding: flags.encoding,
    log: flags.log,
    faults: {
      latencyMs: flags.faultLatencyMs,
      httpStatus: flags.faultStatus ?? null,
      forbidden: flags.faultForbidden,
      technicalError: flags.faultTechnical,
    },
  };
}

/** Closes on Ctrl-C or SIGTERM, once; a second Ctrl-C exits at once. */
export function onShutdown(close) {
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) process.exit(130);
    stopping = true;
    try {
      await close(signal);
      process.exit(0);
    } catch (e) {
      console.error(e.message);
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
