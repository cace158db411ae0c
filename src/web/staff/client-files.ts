/**
 * The planner's client bundle as Vite built it into dist/client: whether it is there (without
 * it the staff pages still work, with their server-rendered tables and no map or chart), and
 * its files under /assets/client/ (entry scripts, their shared chunks, and the stylesheet).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { WebEnv } from '../web-env.ts';

export const CLIENT_DIR = fileURLToPath(new URL('../../../dist/client/', import.meta.url));
const CLIENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};
const clientType = (file: string) => {
  const m = /^[\w-]+\.(js|css)$/.exec(file);
  return m ? CLIENT_TYPES[m[1] ?? ''] : undefined;
};

/** Whether the planner's script was built (the pages then load it). */
export async function clientAvailable(): Promise<boolean> {
  try {
    await readFile(`${CLIENT_DIR}planner.js`);
    return true;
  } catch {
    return false;
  }
}

/** GET /assets/client/{file}: a built script or stylesheet, nothing else. */
export function createClientFiles(): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/assets/client/:file', async (c) => {
    const file = c.req.param('file');
    const type = clientType(file);
    if (!type) return c.notFound();
    try {
      const body = await readFile(`${CLIENT_DIR}${file}`);
      c.header('content-type', type);
      c.header('cache-control', 'public, max-age=3600');
      return c.body(body);
    } catch {
      return c.notFound();
    }
  });
  return app;
}
