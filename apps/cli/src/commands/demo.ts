import { fileURLToPath } from 'node:url';
import type { CliIo } from '../io/cli-io.ts';
import { dxaAssess } from './dxa-assess.ts';

/** The bundled demo exam, relative to the repository root. */
export const DEMO_EXAM_PATH = fileURLToPath(
  new URL('../../../../examples/dxa/postmenopausal-woman-follow-up.json', import.meta.url),
);

/** `quantrad demo` (what `npm start` runs until the service exists): assess the demo exam and print it. */
export async function demo(io: CliIo): Promise<void> {
  io.out(`quantrad demo: the DXA engine on ${DEMO_EXAM_PATH}\n\n`);
  await dxaAssess(DEMO_EXAM_PATH, { format: 'text' }, io);
  io.out(
    '\nTry: npx quantrad dxa assess examples/dxa/postmenopausal-woman-follow-up.json (JSON), or npx quantrad --help\n',
  );
}
