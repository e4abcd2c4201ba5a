/**
 * What a heap snapshot holds, summed by kind: `node bench/heap-summary.mjs <file.heapsnapshot> [rows]`.
 * Prints the self size and count of each (type, constructor or string) group, largest first, and
 * the largest strings and arrays one by one: enough to tell which data fills a service's heap
 * (the snapshots come from BENCH_HEAP_SNAPSHOT_MB, see bench/services.ts).
 */
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/heap-summary.mjs <file.heapsnapshot> [rows]\n');
  process.exit(2);
}
const rows = Number(rowsArg ?? 30);
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
const meta = snapshot.snapshot.meta;
const fields = meta.node_fields;
const types = meta.node_types[0];
const width = fields.length;
const at = (name) => fields.indexOf(name);
const [TYPE, NAME, SELF, EDGES] = [at('type'), at('name'), at('self_size'), at('edge_count')];
const { nodes, strings, edges } = snapshot;
const edgeFields = meta.edge_fields;
const edgeTypes = meta.edge_types[0];
const edgeWidth = edgeFields.length;
const [EDGE_TYPE, EDGE_NAME] = [edgeFields.indexOf('type'), edgeFields.indexOf('name_or_index')];

const groups = new Map();
const largest = [];
let total = 0;
let edge = 0;
for (let i = 0; i < nodes.length; i += width) {
  const type = types[nodes[i + TYPE]];
  const name = strings[nodes[i + NAME]];
  const size = nodes[i + SELF];
  const edgeCount = nodes[i + EDGES];
  // Plain objects by their property names (their shape says which data they are).
  const properties = [];
  if (type === 'object' && name === 'Object')
    for (let e = edge; e < edge + edgeCount * edgeWidth && properties.length < 6; e += edgeWidth)
      if (edgeTypes[edges[e + EDGE_TYPE]] === 'property') properties.push(strings[edges[e + EDGE_NAME]]);
  edge += edgeCount * edgeWidth;
  total += size;
  // Strings grouped by kind, not by text; objects by constructor (plain ones by shape).
  const key =
    type === 'string' || type === 'concatenated string' || type === 'sliced string'
      ? type
      : properties.length
        ? `Object {${properties.join(', ')}}`
        : `${type} ${name}`;
  const group = groups.get(key) ?? { count: 0, size: 0 };
  group.count += 1;
  group.size += size;
  groups.set(key, group);
  if (size > 256 * 1024) largest.push({ type, name: name.slice(0, 80).replace(/\s+/g, ' '), size });
}
const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
process.stdout.write(`${file}: ${mb(total)} MB of heap in ${nodes.length / width} objects\n\n`);
process.stdout.write('  self MB     count  kind\n');
for (const [key, g] of [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, rows))
  process.stdout.write(`${mb(g.size).padStart(9)} ${String(g.count).padStart(9)}  ${key.slice(0, 100)}\n`);
process.stdout.write('\nobjects over 256 KB:\n');
for (const o of largest.sort((a, b) => b.size - a.size).slice(0, 20))
  process.stdout.write(`${mb(o.size).padStart(9)}  ${o.type} ${o.name}\n`);
