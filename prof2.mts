import { readDicomSeries } from './packages/imaging/src/index.ts';
const f = '/tmp/quantrad-bench-ct-512x512x300-v1/series';
for (let i = 0; i < 6; i++) { const t = performance.now(); await readDicomSeries(f); console.log((performance.now() - t).toFixed(0)); }
