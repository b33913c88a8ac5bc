import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How a fake API answers one request; `nth` counts the requests for the same thing, from 1. */
export type Handler = (req: IncomingMessage, res: ServerResponse, nth: number) => void;

/**
 * Starts `server` on 127.0.0.1 at a free port. `close` also ends the connections still open (a
 * kept-alive socket, a black hole that never answers), so a test never waits on them.
 */
export async function listenLocal(server: Server): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
