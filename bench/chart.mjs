// Renders the bench's latency distributions as an SVG box plot (log scale), read as JSON
// `{ title, values: [{ series, ms }] }` on stdin, written to stdout. An ES module of its own because
// Vega and Vega-Lite ship only as ES modules.
import { compile } from 'vega-lite';
import { View, parse } from 'vega';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { title, values } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const { spec } = compile({
  title,
  width: 640,
  data: { values },
  mark: { type: 'boxplot', extent: 'min-max' },
  encoding: {
    y: { field: 'series', type: 'nominal', title: null, axis: { labelLimit: 360 } },
    x: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'ms' },
  },
});
process.stdout.write(await new View(parse(spec), { renderer: 'none' }).toSVG());
