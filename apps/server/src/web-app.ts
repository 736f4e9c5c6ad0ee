import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build:web` puts the web application (apps/web/dist). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>quantrad</title></head>
<body><main><h1>quantrad</h1><p>The web application has not been built: run <code>npm run build:web</code>
(<code>npm start</code> does it first). The API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p></main>
</body></html>`;

/**
 * Serves the web application at /, from its built files; a server started before it was built says so at /
 * rather than answering 404. The API under /api is unaffected: its routes are more specific.
 */
export async function serveWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  if (!existsSync(`${webRoot}/index.html`)) {
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html').send(NOT_BUILT));
    return;
  }
  await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'] });
}
