import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { baseUrl } from './browser';

/** Limits a stranger meets before anything is parsed, against the real server. */
describe('request limits', () => {
  it('/api/auth refuses a body over 16 KB with 413, declared or streamed', async () => {
    const url = `${baseUrl()}/api/auth/callback/credentials`;
    const declared = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=a%40example.com&password=${'x'.repeat(2 * 1024 * 1024)}`,
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');

    // Chunked, with no Content-Length: refused once the limit passes, not after reading it all.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The server may close the connection while the rest is still being written.
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      const chunk = 'x'.repeat(8 * 1024);
      let sent = 0;
      const pump = () => {
        if (answered) return;
        while (sent < 400 && req.write(chunk)) sent += 1;
        if (sent < 400) req.once('drain', pump);
        else req.end();
      };
      pump();
    });
    expect(streamed).toBe(413);

    // A sign-in sized form still reaches Auth.js (which answers its own way, not 413).
    const small = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.com&password=wrong-wrong',
      redirect: 'manual',
    });
    expect(small.status).not.toBe(413);
  });
});
