import { connect } from 'node:net';
import {
  descendants, isAlive, killGroup, processGroupAlive, spawnedEnv, spawnNpm, waitUntilHealthy, type SpawnedEnv, type SpawnedProcess,
} from '../support/spawned-pool';

/**
 * Stopping the pool as an operator does: the real `npm start`, `npm run
 * start:cluster` and `npm run start:legacy` in child processes, signalled
 * while a request is in flight. The teacher HR stand-in answers after a
 * second, so a teachers query is still running when the signal arrives; it
 * must be answered, and every process must then be gone.
 */
const TEACHERS = '{ teachers(first: 2) { edges { node { name } } } }';
/**
 * A query sent this long before the signal is in flight: the stand-in takes LEGACY_TEACHER_LATENCY_MS to answer it.
 * The pool answers one query first (warmOnce), so a cold first request on a loaded machine is not still waiting to be
 * accepted when the signal closes the listener (a connection not yet accepted is reset, not drained).
 */
const HEAD_START_MS = 500;

/** One query answered end to end before the one that the signal will find in flight. */
async function warmOnce(url: string, token: string): Promise<void> {
  expect((await ask(url, token)).status).toBe(200);
}

// Starting a whole pool from cold takes long on a loaded machine; this only bounds a failure.
jest.setTimeout(300_000);

let env: SpawnedEnv | undefined;
let spawned: SpawnedProcess | undefined;
/** Processes a test started, killed if it failed before they stopped. */
let started: number[] = [];

afterEach(async () => {
  for (const pid of started.filter(isAlive)) process.kill(pid, 'SIGKILL');
  started = [];
  if (spawned) killGroup(spawned);
  await spawned?.exited;
  await env?.drop();
  env = undefined;
  spawned = undefined;
});

async function ask(url: string, token: string): Promise<{ status: number; body: { data?: { teachers?: { edges: unknown[] } }; errors?: unknown[] } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: TEACHERS }),
  });
  return { status: response.status, body: await response.json() as never };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('npm start', () => {
  it('on SIGTERM answers the request in flight, then every process exits 0', async () => {
    env = await spawnedEnv({ LEGACY_TEACHER_LATENCY_MS: '1000' });
    spawned = spawnNpm('start', env.env);
    const origin = `http://127.0.0.1:${env.env.PORT}`;
    await waitUntilHealthy(`${origin}/health`, spawned);
    const pids = descendants(spawned.child.pid!);
    started = pids;
    expect(pids.length).toBeGreaterThan(0);
    const token = await env.token('440100');
    await warmOnce(`${origin}/graphql`, token);
    const inFlight = ask(`${origin}/graphql`, token);
    await pause(HEAD_START_MS);
    spawned.child.kill('SIGTERM');
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data?.teachers?.edges).toHaveLength(2);
    expect(await spawned.exited).toEqual({ code: 0, signal: null });
    await until(() => pids.filter(isAlive).length === 0);
    expect(await fetch(`${origin}/health`).then(() => 'answered', () => 'refused')).toBe('refused');
  });
});

describe('npm run start:legacy', () => {
  it('a second signal exits at once, without waiting for the drain', async () => {
    env = await spawnedEnv({ LEGACY_TEACHER_LATENCY_MS: '30000' });
    spawned = spawnNpm('start:legacy', env.env);
    const teacherApi = `http://127.0.0.1:${env.env.LEGACY_TEACHER_PORT}`;
    await waitUntilListening(Number(env.env.LEGACY_TEACHER_PORT), spawned);
    // Held by the stand-in for 30 s: the first signal's drain would wait for it.
    const held = fetch(`${teacherApi}/teachers`).then(() => 'answered', () => 'cut');
    await pause(HEAD_START_MS);
    spawned.child.kill('SIGTERM');
    // Past the window in which a repeat counts as the same stop (a terminal's Ctrl-C reaches npm and node alike).
    await pause(1_000);
    expect(processGroupAlive(spawned)).toBe(true);
    spawned.child.kill('SIGTERM');
    expect((await spawned.exited).code).toBe(143);
    expect(await held).toBe('cut');
    // tsx's esbuild service leaves when its parent's pipe closes, a moment after.
    await until(() => !processGroupAlive(spawned!));
  });
});

describe('npm run start:cluster', () => {
  it('on SIGINT the balancer and gateway answer the request in flight, then every instance exits and the cluster exits 0', async () => {
    env = await spawnedEnv({ LEGACY_TEACHER_LATENCY_MS: '1000', CLUSTER_INSTANCES: '1' });
    spawned = spawnNpm('start:cluster', env.env);
    const origin = `http://127.0.0.1:${env.env.PORT}`;
    const gatewayOrigin = `http://127.0.0.1:${Number(env.env.PORT) + 100}`;
    await waitUntilHealthy(`${gatewayOrigin}/health`, spawned);
    await waitUntilListening(Number(env.env.PORT), spawned);
    const pids = descendants(spawned.child.pid!);
    started = pids;
    // npm, the cluster process, and one process per part of the instance.
    expect(pids.length).toBeGreaterThanOrEqual(6);
    const token = await env.token('440100');
    await warmOnce(`${origin}/graphql`, token);
    const inFlight = ask(`${origin}/graphql`, token);
    await pause(HEAD_START_MS);
    spawned.child.kill('SIGINT');
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.body.data?.teachers?.edges).toHaveLength(2);
    expect(await spawned.exited).toEqual({ code: 0, signal: null });
    await until(() => pids.filter(isAlive).length === 0);
  });
});

/** Polls `done` until it holds (a failing test ends at its jest timeout). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await pause(100);
}

/** Waits until a connection to `port` is accepted (a stand-in's every answer waits for its latency). */
async function waitUntilListening(port: number, process: SpawnedProcess): Promise<void> {
  const accepts = () => new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  while (!(await accepts())) {
    if (!processGroupAlive(process)) throw new Error(`exited before port ${port} listened:\n${process.output()}`);
    await pause(200);
  }
}
