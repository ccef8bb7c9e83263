/**
 * Where every test server listens: 127.0.0.1 only, so nothing outside this machine can reach
 * it, at a port the system picks, so parallel runs never collide. The static page server and
 * the release server both start here.
 */
import type { Server } from 'node:http';

export interface LoopbackServer {
  /** The address of `path` on this server. */
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * Starts `server` on the loopback address. `beforeClose` runs first when it is closed, to end
 * what would keep it open (responses that never finish, kept-alive sockets).
 */
export async function listenOnLoopback(server: Server, beforeClose?: () => void): Promise<LoopbackServer> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (path) => `http://127.0.0.1:${port}/${path.replace(/^\//, '')}`,
    close: () =>
      new Promise<void>((done) => {
        beforeClose?.();
        server.close(() => done());
      }),
  };
}
