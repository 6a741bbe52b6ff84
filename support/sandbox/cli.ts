// `npm run sandbox`: the sandbox on its own, seeded with a demo account, until Ctrl+C.
// `npm run sandbox -- <control> …`: drives a running sandbox (this one, or `npm run dev`'s):
//   high-risk <number>                       a monitored number turns high risk
//   finish-remediation [remediation id]      the newest unfinished remediation completes, with results
//   ownership-event [flagged|removed|proof] [--number <n>] [--to <url>] [--enterprise <id>]
//                                            a signed ownership event, to the enterprise's webhook URL
// SANDBOX_URL (default http://127.0.0.1:$SANDBOX_PORT, port 4010) and SANDBOX_API_KEY say which.
import { startSandbox } from './server';
import { seedDemo } from './seed';
import type { ControlRequest } from './controls';
import { CONTROLS } from './controls';
import { portFor } from '../n8n/ports';
import { normalizeNumber } from '../../nodes/shared/phoneNumbers';

const apiKey = process.env.SANDBOX_API_KEY ?? 'KEY_sandbox_secret';

async function serve() {
	const sandbox = await startSandbox({ apiKey, port: await portFor('SANDBOX_PORT', 4010) });
	const demo = seedDemo(sandbox.state);
	console.log(`Telnyx sandbox listening on ${sandbox.url}`);
	console.log(`API key: the value of SANDBOX_API_KEY (default KEY_sandbox_secret)`);
	console.log(`Enterprise "${demo.enterprise.legal_name}": ${demo.enterprise.id}`);
	console.log(`Numbers in the inventory: ${demo.numbers.join(', ')}`);
	console.log(
		`Webhook Public Key (for the webhook trigger's credential): ${sandbox.webhooks.publicKey}`,
	);
	console.log(`Drive it from another terminal: npm run sandbox -- ${CONTROLS.join(' | ')} …`);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

function e164(value: string | undefined): string {
	const normalized = normalizeNumber(value ?? '', 'US');
	if ('reason' in normalized)
		throw new Error(`"${value ?? ''}" is not a phone number: ${normalized.reason}`);
	return normalized.e164;
}

/** `--name value` flags, and the words before them. */
function parse(args: string[]): { words: string[]; flags: Record<string, string> } {
	const words: string[] = [];
	const flags: Record<string, string> = {};
	for (let index = 0; index < args.length; index++) {
		if (args[index].startsWith('--')) flags[args[index].slice(2)] = args[++index] ?? '';
		else words.push(args[index]);
	}
	return { words, flags };
}

function request(control: string, args: string[]): ControlRequest {
	const { words, flags } = parse(args);
	if (control === 'high-risk') return { phoneNumber: e164(words[0]) };
	if (control === 'finish-remediation') return { remediationId: words[0] };
	return {
		event: words[0],
		phoneNumber: flags.number === undefined ? undefined : e164(flags.number),
		url: flags.to,
		enterpriseId: flags.enterprise,
	};
}

async function drive(control: string, args: string[]) {
	const base =
		process.env.SANDBOX_URL?.replace(/\/(v2)?\/?$/, '') ??
		`http://127.0.0.1:${process.env.SANDBOX_PORT ?? 4010}`;
	let response: Response;
	try {
		response = await fetch(`${base}/_sandbox/${control}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
			body: JSON.stringify(request(control, args)),
		});
	} catch {
		throw new Error(
			`No sandbox answers at ${base}: start one (npm run sandbox, or npm run dev), or set SANDBOX_URL`,
		);
	}
	const body = (await response.json()) as { error?: string };
	if (!response.ok) throw new Error(body.error ?? `The sandbox answered ${response.status}`);
	console.log(JSON.stringify(body, null, 2));
}

const [control, ...args] = process.argv.slice(2);
const run = control === undefined || control === 'start' ? serve() : drive(control, args);
run.catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
