// `npm run sandbox`: the sandbox on its own, seeded with a demo account, until Ctrl+C.
import { startSandbox } from './server';
import { seedDemo } from './seed';
import { portFor } from '../n8n/ports';

async function main() {
	const sandbox = await startSandbox({
		apiKey: process.env.SANDBOX_API_KEY ?? 'KEY_sandbox_secret',
		port: await portFor('SANDBOX_PORT', 4010),
	});
	const demo = seedDemo(sandbox.state);
	console.log(`Telnyx sandbox listening on ${sandbox.url}`);
	console.log(`API key: the value of SANDBOX_API_KEY (default KEY_sandbox_secret)`);
	console.log(`Enterprise "${demo.enterprise.legal_name}": ${demo.enterprise.id}`);
	console.log(`Numbers in the inventory: ${demo.numbers.join(', ')}`);
	console.log(
		`Webhook Public Key (for the webhook trigger's credential): ${sandbox.webhooks.publicKey}`,
	);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
