import { timingSafeEqual } from 'node:crypto';

import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { dialerIndexOf } from '../TelnyxReputation/callerIdPool/dialerIndex';
import type { DialerIndex } from '../TelnyxReputation/callerIdPool/dialerIndex';
import { dailyCapProperty, dialerPoolProperty } from '../TelnyxReputation/callerIdPool/fields';
import { dayIn } from '../TelnyxReputation/callerIdPool/pick';
import { areaCodeOf, regionOf } from '../shared/areaCodes';

const MINUTE_MS = 60_000;

const PATH = '={{$parameter["path"]}}';

/**
 * How n8n 2.41 and later may read the webhook's path from the Path parameter without running an
 * expression (n8n-workflow's WEBHOOK_RESOLVERS, a global symbol: nothing to import that n8n 1.x
 * lacks). With N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true an answer then starts no expression
 * isolate, which cost n8n about 70 ms of CPU per answer (see the README's dialer measures).
 */
const pathFromParameter = {
	path: PATH,
	[Symbol.for('n8n.webhookDescriptionResolvers')]: {
		path: { template: PATH, resolve: (parameters: IDataObject) => parameters.path },
	},
};

/** 24 random bytes in hex are 48 characters; 24 characters are the least a guess cannot reach. */
const MIN_SECRET_LENGTH = 24;

interface Settings {
	pool: string;
	/** Version 2 saves the day's counts as one row; version 1 writes each number's pool row. */
	byDay: boolean;
	cap: number;
	saveEveryMs: number;
	reloadEveryMs: number;
	loadTimeoutMs: number;
}

function settingsOf(context: IWebhookFunctions): Settings {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return {
		pool: context.getNodeParameter('dialerPool') as string,
		byDay: context.getNode().typeVersion >= 2,
		cap: context.getNodeParameter('dailyCap', 100) as number,
		saveEveryMs: ((options.saveCountsEverySeconds as number | undefined) ?? 30) * 1000,
		reloadEveryMs: ((options.reloadEveryMinutes as number | undefined) ?? 60) * MINUTE_MS,
		loadTimeoutMs: ((options.loadTimeoutSeconds as number | undefined) ?? 30) * 1000,
	};
}

interface DialerSecret {
	headerName: string;
	secret: string;
}

/**
 * The credential as last read, per node and credential. Every read is database queries and a
 * decryption, most of an answer's own time, so it is read again only after CREDENTIAL_TTL_MS:
 * a secret saved anew applies within that.
 */
const CREDENTIAL_TTL_MS = 10_000;
const credentialsRead = new Map<string, DialerSecret & { until: number }>();

async function dialerSecretOf(context: IWebhookFunctions): Promise<DialerSecret> {
	const node = context.getNode();
	const credentialId = node.credentials?.telnyxCallerIdDialerApi?.id ?? '';
	const key = `${context.getWorkflow().id}:${node.id}:${credentialId}`;
	const read = credentialsRead.get(key);
	if (read && read.until > Date.now()) return read;
	const fresh = await context.getCredentials<DialerSecret>('telnyxCallerIdDialerApi');
	credentialsRead.set(key, { ...fresh, until: Date.now() + CREDENTIAL_TTL_MS });
	return fresh;
}

/** Whether the request carries the credential's secret in its header (compared in constant time). */
async function isAuthorized(context: IWebhookFunctions): Promise<boolean> {
	const { headerName, secret } = await dialerSecretOf(context);
	const given = Buffer.from(String(context.getHeaderData()[headerName.toLowerCase()] ?? ''));
	const expected = Buffer.from(secret);
	return (
		expected.length > 0 && given.length === expected.length && timingSafeEqual(given, expected)
	);
}

/** The callee the dialer names: `to` in the query, or in a JSON body. */
function calleeOf(context: IWebhookFunctions): string {
	const query = context.getQueryData() as IDataObject;
	const body = context.getRequestObject().method === 'POST' ? context.getBodyData() : {};
	return String(query.to ?? body.to ?? '').trim();
}

/** Answers the dialer; n8n is told the node answered (the answer may come after a load). */
function answer(context: IWebhookFunctions, status: number, body: IDataObject): void {
	context.getResponseObject().status(status).json(body);
}

const eventItems = (items: IDataObject[]): INodeExecutionData[][] | undefined =>
	items.length ? [items.map((json) => ({ json }))] : undefined;

/**
 * The executions an answer starts: a load of the pool when the trigger needs one (none is
 * running), and the counts to save once Save Counts Every has passed (`day_counts`, the day's
 * counts as one row; `save_count`, a pool row to mark as called). Never one per answer.
 */
function eventsFor(index: DialerIndex, settings: Settings, now: number, needsLoad: boolean) {
	const items: IDataObject[] = [];
	if (needsLoad && index.claimLoad(now, settings.loadTimeoutMs)) {
		items.push({ event: 'load_pool', pool: settings.pool, reason: loadReason(index) });
	}
	const { dayCounts, marks } = index.takeSaves(now, settings.saveEveryMs, settings.byDay);
	if (dayCounts) items.push({ event: 'day_counts', pool: settings.pool, ...dayCounts });
	for (const mark of marks) items.push({ event: 'save_count', pool: settings.pool, ...mark });
	return eventItems(items);
}

const loadReason = (index: DialerIndex) =>
	index.isLoaded
		? 'reload: older than Reload Pool Every'
		: (index.failure ?? 'first call since n8n started');

/** The answer when no load ended in time, or the last one failed. */
const notLoaded = (index: DialerIndex, settings: Settings): IDataObject => ({
	caller_id: null,
	error:
		index.failure ??
		`The pool ${settings.pool} was not loaded within ${settings.loadTimeoutMs / 1000} s: its workflow's "load_pool" branch must end in Telnyx → Caller ID Pool → Load Dialer, run by this n8n process (in queue mode workers run executions: see the README).`,
});

export class TelnyxCallerIdDialerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Caller ID Dialer Trigger',
		name: 'telnyxCallerIdDialerTrigger',
		icon: { light: 'file:telnyx.svg', dark: 'file:telnyx.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ "cap " + $parameter.dailyCap + " calls a number a day" }}',
		description:
			'Answers a dialer which caller ID to call from, from the pool held in memory: no execution per answer',
		defaults: { name: 'Dialer Asks' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'telnyxCallerIdDialerApi', required: true, testedBy: 'dialerSecretIsStrong' },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				isFullPath: true,
				...pathFromParameter,
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				isFullPath: true,
				...pathFromParameter,
			},
		],
		properties: [
			{
				displayName:
					"Answers each dialer from the pool held in memory, with no execution per answer: the workflow runs only to load the pool (its active rows and today's counts, then Telnyx → Caller ID Pool → Load Dialer) and to save the day's counts. Above a few answers a second, start n8n 2.41+ with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, or n8n builds an expression isolate for every answer (see the README).",
				name: 'dialerNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				required: true,
				default: 'which-caller-id',
				description:
					"The webhook's path: the dialer asks &lt;n8n&gt;/webhook/&lt;path&gt;?to=&lt;callee&gt;",
			},
			dialerPoolProperty,
			dailyCapProperty,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Load Timeout (Seconds)',
						name: 'loadTimeoutSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 30,
						description:
							'How long a call waits for the pool to load (after n8n starts); then it is answered 503 with the reason',
					},
					{
						displayName: 'Reload Pool Every (Minutes)',
						name: 'reloadEveryMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 60,
						description:
							'Reads the whole pool again this often, for rows changed outside Apply Pool Rules (edited by hand). Answers keep coming meanwhile. 0 never reloads.',
					},
					{
						displayName: 'Save Counts Every (Seconds)',
						name: 'saveCountsEverySeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 30,
						description:
							"How often the day's counts are handed to the workflow to save (with the first answer after this time): one execution for all the numbers dialled meanwhile",
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			// Nothing at Telnyx knows this secret: the test says whether it is hard to guess.
			async dialerSecretIsStrong(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const secret = String(credential.data?.secret ?? '');
				return secret.length >= MIN_SECRET_LENGTH
					? { status: 'OK', message: 'The secret is long enough' }
					: {
							status: 'Error',
							message: `The secret has ${secret.length} characters: use at least ${MIN_SECRET_LENGTH} random ones (e.g. openssl rand -hex 24)`,
						};
			},
		},
	};

	webhookMethods = {
		default: {
			// Nothing is registered elsewhere: the dialer calls n8n's own URL.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			// Publishing reads the pool again with the next call (answers meanwhile come from memory).
			async create(this: IHookFunctions): Promise<boolean> {
				dialerIndexOf(this.getNodeParameter('dialerPool') as string).expire();
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (!(await isAuthorized(this))) {
			answer(this, 403, { error: "Authorization failed: send the Dialer credential's header" });
			return { noWebhookResponse: true };
		}
		const callee = calleeOf(this);
		const areaCode = areaCodeOf(callee);
		if (areaCode === undefined) {
			answer(this, 400, {
				caller_id: null,
				error: `Say whom you are calling, with the area code: ?to=<the number>, e.g. ?to=+19495551234 (given: "${callee}").`,
			});
			return { noWebhookResponse: true };
		}
		const settings = settingsOf(this);
		const index = dialerIndexOf(settings.pool);
		const timeZone = this.getTimezone();
		const respond = () => {
			if (!index.isLoaded) return answer(this, 503, notLoaded(index, settings));
			const whereCalled = { areaCode, region: regionOf(areaCode) };
			const day = dayIn(timeZone, new Date());
			answer(this, 200, index.pick(whereCalled, settings.cap, day, timeZone));
		};
		const now = Date.now();
		if (index.isLoaded) {
			respond();
			const stale = !index.isFresh(now, settings.reloadEveryMs);
			return { noWebhookResponse: true, workflowData: eventsFor(index, settings, now, stale) };
		}
		// Not loaded (n8n started, or the table was missing): the call waits for the load it asks for.
		const workflowData = eventsFor(index, settings, now, true);
		if (!workflowData && index.failure) respond();
		else void index.whenLoaded(settings.loadTimeoutMs).then(respond, respond);
		return { noWebhookResponse: true, workflowData };
	}
}
