/** A JSON value written as YAML, for reading (not a full YAML emitter: strings that need it are JSON-quoted). */
export function toYaml(value, indent = '') {
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return value.map(item => {
      const text = toYaml(item, indent + '  ');
      return `${indent}- ${isBlock(item) ? text.trimStart() : text}`;
    }).join('\n');
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (!keys.length) return '{}';
    return keys.map(key => {
      const item = value[key];
      const name = scalar(key);
      return isBlock(item) ? `${indent}${name}:\n${toYaml(item, indent + '  ')}` : `${indent}${name}: ${toYaml(item, indent + '  ')}`;
    }).join('\n');
  }
  return scalar(value);
}

function isBlock(value) {
  return value && typeof value === 'object' && Object.keys(value).length > 0;
}

function scalar(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z0-9_./@-][A-Za-z0-9_ ./@:=+-]*$/.test(value) && !/^(true|false|null|yes|no|~|[0-9.+-]+)$/i.test(value)
    && !value.endsWith(' ') && !value.includes(': ') ? value : JSON.stringify(value);
}

/** The lines of {@code before} and {@code after} as a unified list: [' ', line], ['-', line] or ['+', line]. */
export function lineDiff(before, after) {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  const table = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const out = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { out.push([' ', a[i]]); i++; j++; }
    else if (j < b.length && (i === a.length || table[i][j + 1] >= table[i + 1][j])) { out.push(['+', b[j]]); j++; }
    else { out.push(['-', a[i]]); i++; }
  }
  return out;
}
