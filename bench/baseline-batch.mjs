// Baseline for the batch: the least a Node program can do to delete many OAuth clients at once.
// IDs from stdin, one per line; `concurrency` workers share one keep-alive node:http agent and
// send DELETEs with the same Authorization header as cf-oauth, with no pacing, retries or report.
//   CLOUDFLARE_API_TOKEN=... CLOUDFLARE_API_BASE_URL=http://127.0.0.1:N/client/v4 \
//     node bench/baseline-batch.mjs <account_id> <concurrency> < ids.txt

import { Agent, request } from 'node:http';

const [accountId, concurrencyArg] = process.argv.slice(2);
const base = process.env.CLOUDFLARE_API_BASE_URL;
const headers = { authorization: `Bearer ${process.env.CLOUDFLARE_API_TOKEN}` };
const agent = new Agent({ keepAlive: true });

let input = '';
for await (const chunk of process.stdin) input += chunk;
const ids = input.split('\n').filter((line) => line !== '');

function remove(id) {
  return new Promise((resolve, reject) => {
    const url = `${base}/accounts/${accountId}/oauth_clients/${id}`;
    const req = request(url, { method: 'DELETE', headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => {
        if (res.statusCode === 200 && JSON.parse(body).success === true) resolve();
        else reject(new Error(`${id}: HTTP ${res.statusCode}: ${body}`));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

let next = 0;
async function worker() {
  while (next < ids.length) await remove(ids[next++]);
}
await Promise.all(Array.from({ length: Number(concurrencyArg) }, worker));
agent.destroy();
process.stdout.write(`${ids.length}\n`);
