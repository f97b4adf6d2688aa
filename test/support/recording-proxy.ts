import http from 'node:http';
import { listen, type Listening } from '../../platform/http-graphql';

/** One request as it crossed the wire: every header and the body's exact bytes. */
export interface RecordedRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly status: number;
}

export interface RecordingProxy extends Listening {
  readonly recorded: RecordedRequest[];
}

const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding']);

/**
 * A wiretap between the gateway and a subgraph: forwards each POST unchanged
 * to `target` and keeps a copy of what it forwarded, so a test can replay a
 * real gateway→subgraph fetch, or a tampered copy of it, wherever it likes.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const recorded: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !HOP_HEADERS.has(name)) headers[name] = value;
      }
      fetch(target, { method: 'POST', headers, body }).then(async (answer) => {
        recorded.push({ headers, body, status: answer.status });
        const text = await answer.text();
        response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !HOP_HEADERS.has(name))));
        response.end(text);
      }).catch(() => {
        response.writeHead(502);
        response.end();
      });
    });
  });
  return { ...(await listen(server, 0, '127.0.0.1')), recorded };
}

/** A subgraph stand-in that refuses every request with one status, as a proxy or a strict server in front of a subgraph would. */
export async function startRefusingServer(status: () => number): Promise<Listening> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(status(), { 'content-type': 'text/plain' });
      response.end('refused');
    });
  });
  return listen(server, 0, '127.0.0.1');
}
