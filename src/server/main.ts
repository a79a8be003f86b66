import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';

// Long-lived connections (event streams) may hold a close open; never hang a shutdown on them.
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = withFaultsToken(loadConfig(process.env));
  // The SQLite database lives here; create it so a fresh checkout just runs.
  await mkdir(config.dataDir, { recursive: true });
  const app = await buildApp(config, { logger: true });
  closeOnSignals(app);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Outpost listening on ${url(config.host, listeningPort(app, config))}`);
}

/**
 * [F1] With faults on and no token configured, one is made for this run and printed: whoever
 * started the server can arm faults, and nobody else who reaches it can.
 */
function withFaultsToken(config: Config): Config {
  if (!config.faults || config.faultsToken !== undefined) return config;
  const faultsToken = randomBytes(18).toString('base64url');
  console.log(`Fault injection is on: arming a fault needs Outpost-Faults-Token: ${faultsToken}`);
  return { ...config, faultsToken };
}

function listeningPort(app: FastifyInstance, config: Config): number {
  const address = app.server.address();
  // PORT=0 lets the OS choose: print the port actually bound.
  return typeof address === 'object' && address !== null ? address.port : config.port;
}

function url(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function closeOnSignals(app: FastifyInstance): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1); // a second Ctrl-C: stop waiting
    closing = true;
    console.log(`Outpost received ${signal}, shutting down`);
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Outpost shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

// Known start-up failures get one clear line; anything else is a bug and keeps its stack.
function fail(err: unknown): never {
  console.error(`Outpost could not start: ${describe(err)}`);
  process.exit(1);
}

// Node's listen errors carry the address and port they failed on.
type ListenError = NodeJS.ErrnoException & { address?: string; port?: number };

function describe(err: unknown): string {
  if (err instanceof ConfigError) return `${err.code}: ${err.message}`;
  const { code, address, port } = (err ?? {}) as ListenError;
  const where = `${address ?? 'HOST'}:${port ?? 'PORT'}`;
  if (code === 'EADDRINUSE') {
    return `${where} is already in use (EADDRINUSE): stop the other server or set PORT`;
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return `cannot listen on ${where} (${code}): check HOST and PORT`;
  }
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

try {
  await main();
} catch (err) {
  fail(err);
}
