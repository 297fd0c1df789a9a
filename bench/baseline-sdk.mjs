// Baseline: the same delete done with the official `cloudflare` SDK, as a user script would.
//   CLOUDFLARE_API_TOKEN=... CLOUDFLARE_API_BASE_URL=http://127.0.0.1:N/client/v4 \
//     node bench/baseline-sdk.mjs <client_id> <account_id>
import Cloudflare from 'cloudflare';

const [clientId, accountId] = process.argv.slice(2);
const client = new Cloudflare({
  apiToken: process.env.CLOUDFLARE_API_TOKEN,
  baseURL: process.env.CLOUDFLARE_API_BASE_URL,
});

try {
  await client.iam.oauthClients.delete(clientId, { account_id: accountId });
  process.stdout.write(`${clientId}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
