// The phone form's built files (vite.collect.config.ts, into dist/renderer/collect): /c/ answers
// its index.html, /c/assets/* its hashed files through @fastify/static rooted at the assets
// folder — no directory listing, no dotfiles, no index, GET only, nothing outside that folder.
// Everything else stays the listener's 404. Without a build (a checkout before
// `npm run build:renderer`), /c/ is the placeholder page that says the form is not there yet.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PLACEHOLDER_PAGE } from './page';

/** Where the built form is: its index.html, and the folder of its hashed files. */
function builtForm(formDir: string | undefined): { dir: string; assets: string } | null {
  if (!formDir) return null;
  const dir = path.resolve(formDir);
  const assets = path.join(dir, 'assets');
  try {
    return fs.statSync(path.join(dir, 'index.html')).isFile() && fs.statSync(assets).isDirectory() ? { dir, assets } : null;
  } catch {
    return null;
  }
}

/** Serves the form at /c/ and /c/assets/; says whether the built form (or the placeholder) is served. */
export async function registerFormFiles(
  app: FastifyInstance,
  formDir: string | undefined,
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply,
): Promise<'built' | 'placeholder'> {
  const form = builtForm(formDir);
  if (!form) {
    app.get('/c/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(PLACEHOLDER_PAGE));
    return 'placeholder';
  }
  await app.register(async (scope) => {
    // @fastify/static answers HEAD as well: only GET is served here.
    scope.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET') return notFound(request, reply);
    });
    // A folder, a file name of the wrong case, a malformed path: all of them are simply not found.
    scope.setErrorHandler((error: { statusCode?: number }, request, reply) => {
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return notFound(request, reply);
      throw error;
    });
    await scope.register(fastifyStatic, {
      root: form.assets,
      prefix: '/c/assets/',
      index: false,
      list: false,
      redirect: false,
      dotfiles: 'ignore',
      serveDotFiles: false,
      // The listener's own Cache-Control (no-store) stands.
      cacheControl: false,
      etag: false,
      lastModified: false,
      acceptRanges: false,
    });
    scope.get('/c/', async (_request, reply) => reply.type('text/html; charset=utf-8').sendFile('index.html', form.dir));
  });
  return 'built';
}
