// Baseline: the least a Node program can do to delete one OAuth client. One DELETE with
// node:http (node:https for an https: base URL), the same Authorization header as cf-oauth
// sends; prints the ID on success.
//   CLOUDFLARE_API_TOKEN=... CLOUDFLARE_API_BASE_URL=http://127.0.0.1:N/client/v4 \
//     node bench/baseline-http.mjs <client_id> <account_id>

const [clientId, accountId] = process.argv.slice(2);
const base = process.env.CLOUDFLARE_API_BASE_URL;
const url = `${base}/accounts/${accountId}/oauth_clients/${encodeURIComponent(clientId)}`;

const { request } = await import(base.startsWith('https:') ? 'node:https' : 'node:http');
const req = request(
  url,
  { method: 'DELETE', headers: { authorization: `Bearer ${process.env.CLOUDFLARE_API_TOKEN}` } },
  (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      body += chunk;
    });
    res.on('end', () => {
      if (res.statusCode === 200 && JSON.parse(body).success === true) {
        process.stdout.write(`${clientId}\n`);
      } else {
        process.stderr.write(`HTTP ${res.statusCode}: ${body}\n`);
        process.exitCode = 1;
      }
    });
  },
);
req.on('error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
req.end();
