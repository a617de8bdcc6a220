/** A small `--name value` / `--flag` parser for benchmark scripts: unknown options are an error, not a silent default. */

/**
 * @param {string[]} argv process.argv.slice(2)
 * @param {Record<string, { type: 'number' | 'string' | 'boolean', default?: unknown, help: string }>} spec
 */
export function parseArgs(argv, spec, usage = '') {
  const out = Object.fromEntries(Object.entries(spec).map(([k, s]) => [k, s.default]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(helpText(spec, usage));
      process.exit(0);
    }
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    const key = m && Object.keys(spec).find((k) => kebab(k) === m[1]);
    if (!m || !key) fail(`unknown argument '${arg}'\n\n${helpText(spec, usage)}`);
    const { type } = spec[key];
    if (type === 'boolean') {
      out[key] = m[2] === undefined ? true : m[2] !== '0' && m[2] !== 'false';
      continue;
    }
    const raw = m[2] ?? argv[++i];
    if (raw === undefined) fail(`--${m[1]} needs a value`);
    if (type === 'number') {
      const n = Number(raw.replaceAll('_', ''));
      if (!Number.isFinite(n) || n < 0) fail(`--${m[1]} must be a non-negative number, got '${raw}'`);
      out[key] = n;
    } else {
      out[key] = raw;
    }
  }
  return out;
}

const kebab = (s) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function helpText(spec, usage) {
  const lines = Object.entries(spec).map(([k, s]) => {
    const name = `--${kebab(k)}${s.type === 'boolean' ? '' : ` <${s.type}>`}`;
    const dflt = s.default === undefined || s.default === false ? '' : ` (default ${s.default})`;
    return `  ${name.padEnd(26)} ${s.help}${dflt}`;
  });
  return `${usage}\n\noptions:\n${lines.join('\n')}`;
}

function fail(message) {
  console.error(message);
  process.exit(2);
}
