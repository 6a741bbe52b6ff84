// Submit's guard against billing a number twice (USD 1 each time): one Submit at a time per
// enterprise in this n8n process, and before it sends, the numbers already in an open request
// left out (free reads). Telnyx's lists never name a request's numbers, and a full request names
// them only in its results (null while pending), so the requests this process created are
// remembered with their numbers. What holds across processes (queue mode): see the README's
// "Reliability".
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { RequestContext } from '../../../shared/transport/credentials';
import {
	getRemediation,
	numbersInResults,
	openRemediations,
} from '../../../shared/api/remediations';
import { CLOCK_SKEW_MS } from '../../pipeline/settle';

/** How long a Submit waits for another one of the same enterprise, in this process, to finish. */
export const LOCK_WAIT_MS = 10 * 60_000;

/** How often a waiting Submit looks whether its turn came (n8n's lint allows no cancellable timer). */
const WAIT_CHECK_MS = 25;

/** The tail of each enterprise's queue of Submits in this process. */
const queues = new Map<string, Promise<void>>();

interface Remembered {
	numbers: string[];
	status: string;
	at: number;
}

/** Enterprise → request id → the numbers this process sent in it. */
const submittedHere = new Map<string, Map<string, Remembered>>();

/** Waits (at most until `deadline`) for the Submits of `enterpriseId` ahead of this one; gives the release. */
async function acquire(node: INode, enterpriseId: string, deadline: number, waitMs: number) {
	const ahead = queues.get(enterpriseId) ?? Promise.resolve();
	let release = () => {};
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = ahead.then(async () => await mine);
	queues.set(enterpriseId, tail);
	const done = () => {
		release();
		if (queues.get(enterpriseId) === tail) queues.delete(enterpriseId);
	};
	let ready = false;
	void ahead.then(() => (ready = true));
	await Promise.resolve();
	while (!ready && Date.now() < deadline)
		await sleep(Math.min(WAIT_CHECK_MS, deadline - Date.now()));
	if (ready) return done;
	done();
	throw new NodeOperationError(
		node,
		`Another Submit for enterprise ${enterpriseId} was still running in this n8n process after ${Math.round(waitMs / 1000)} s: nothing was sent`,
		{
			description:
				'Run it again once that one finishes: the numbers it submitted are then left out.',
		},
	);
}

/**
 * Runs `work` once no other Submit of these enterprises runs in this process: a second one
 * waits (bounded), then reads the open requests and finds the first one's.
 */
export async function oneSubmitAtATime<T>(
	node: INode,
	enterpriseIds: string[],
	work: () => Promise<T>,
	waitMs = LOCK_WAIT_MS,
): Promise<T> {
	const deadline = Date.now() + waitMs;
	const releases: Array<() => void> = [];
	try {
		// One order for every Submit, so two holding an enterprise each never wait on each other.
		for (const id of [...new Set(enterpriseIds)].sort())
			releases.push(await acquire(node, id, deadline, waitMs));
		return await work();
	} finally {
		for (const release of releases) release();
	}
}

/** A request this process created: its numbers are left out of the next Submits while it is open. */
export function rememberSubmitted(
	enterpriseId: string,
	request: IDataObject,
	numbers: string[],
): void {
	if (typeof request.id !== 'string' || numbers.length === 0) return;
	const requests = submittedHere.get(enterpriseId) ?? new Map<string, Remembered>();
	requests.set(request.id, { numbers, status: String(request.status), at: Date.now() });
	submittedHere.set(enterpriseId, requests);
}

/** The open requests of an enterprise: the request each named number is in, and those naming none. */
export interface OpenRequests {
	byNumber: Map<string, IDataObject>;
	/** Open requests whose numbers no answer names (pending, made elsewhere). */
	unnamed: IDataObject[];
}

/**
 * The numbers in the enterprise's open requests (free reads): those this process sent, and
 * those an in-progress request's results name. A request this process made a moment ago counts
 * even before the list shows it; one the list no longer shows open is forgotten.
 */
export async function openRequestsOf(
	context: RequestContext,
	enterpriseId: string,
): Promise<OpenRequests> {
	const open = await openRemediations(context, enterpriseId);
	const here = submittedHere.get(enterpriseId) ?? new Map<string, Remembered>();
	const listed = new Set(open.map((request) => String(request.id)));
	for (const [id, { at }] of here)
		if (!listed.has(id) && Date.now() - at > CLOCK_SKEW_MS) here.delete(id);
	const byNumber = new Map<string, IDataObject>();
	const unnamed: IDataObject[] = [];
	for (const [id, { numbers, status }] of here)
		if (!listed.has(id)) for (const number of numbers) byNumber.set(number, { id, status });
	for (const request of open) {
		const numbers =
			here.get(String(request.id))?.numbers ??
			(request.status === 'pending'
				? []
				: inFlight(await getRemediation(context, enterpriseId, String(request.id))));
		if (numbers.length === 0) unnamed.push(request);
		for (const number of numbers) byNumber.set(number, request);
	}
	return { byNumber, unnamed };
}

/** The numbers of a full request still under review: in its results, but not ineligible. */
function inFlight(request: IDataObject): string[] {
	const ineligible = (request.results as { ineligible?: unknown } | null)?.ineligible;
	const out = new Set(Array.isArray(ineligible) ? ineligible.map(String) : []);
	return numbersInResults(request).filter((number) => !out.has(number));
}
