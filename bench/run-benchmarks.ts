// npm run bench: engine speeds as ratios against a baseline measured in the same run, so the numbers
// mean the same on any machine (STYLE: performance targets live in benchmarks, not timed unit tests).
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { assessExam, examInputSchema, precisionStudy, type PrecisionScan } from '@quantrad/densitometry';

const examJson = readFileSync(
  new URL('../examples/dxa/postmenopausal-woman-follow-up.json', import.meta.url),
  'utf8',
);
const exam = examInputSchema.parse(JSON.parse(examJson));

const studyScans: PrecisionScan[] = Array.from({ length: 3000 }, (_, i) => ({
  patient: `P${Math.floor(i / 3)}`,
  scan: String(i % 3),
  site: 'L1-L4',
  bmdGcm2: 0.9 + ((i * 7919) % 100) / 5000,
}));

const bench = new Bench({ time: 500 });
bench
  .add('baseline: JSON.parse of the exam', () => JSON.parse(examJson) as unknown)
  .add('validate the exam (zod)', () => examInputSchema.parse(JSON.parse(examJson)))
  .add('assess the exam', () => assessExam(exam))
  .add('baseline: sum 3000 BMDs', () => studyScans.reduce((sum, s) => sum + s.bmdGcm2, 0))
  .add('precision study, 1000 patients x 3', () => precisionStudy(studyScans));

await bench.run();

const meanMs = (name: string): number => {
  const task = bench.getTask(name);
  const result = task?.result;
  if (result === undefined || !('latency' in result)) throw new Error(`benchmark ${name} did not run`);
  return result.latency.mean;
};

const rows = [
  ['validate the exam (zod)', 'baseline: JSON.parse of the exam'],
  ['assess the exam', 'baseline: JSON.parse of the exam'],
  ['precision study, 1000 patients x 3', 'baseline: sum 3000 BMDs'],
] as const;
console.log('task'.padEnd(40), 'mean µs'.padStart(10), 'x baseline'.padStart(12), '  baseline');
for (const [name, baseline] of rows) {
  const ms = meanMs(name);
  console.log(
    name.padEnd(40),
    (ms * 1000).toFixed(1).padStart(10),
    (ms / meanMs(baseline)).toFixed(1).padStart(12),
    ` ${baseline}`,
  );
}
console.log(`exams assessed per second: ${Math.round(1000 / meanMs('assess the exam'))}`);
