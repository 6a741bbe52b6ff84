// The polling trigger under n8n's durable scheduler (2.41 behind N8N_SCHEDULER_ENABLED,
// N8N_SCHEDULER_POLL_TRIGGERS_ENABLED and N8N_POLLER_DURABLE_CURSORS_ENABLED; the default from
// 2.45), where one scheduled poll can run twice: its lease ran out (a slow poll, a process that
// stopped answering) and the scheduler leased the same task again. Both runs start from the same
// committed cursor; n8n commits a run's cursor, with the execution it starts, only while the run
// still holds the task's lease (its fence), so at most one of them counts.
//
// The e2e (test/e2e/scheduler.ts) runs the trigger in a real n8n 2.41.1 under these flags but
// cannot make the scheduler lease one poll twice; this runs the poll through n8n-core's own
// PollContext, runPollInStagingScope and commitStagedCursor with the hooks n8n 2.41.1 gives them
// (dist/workflows/triggers/trigger-execution-context.factory.js, getExecutePollFunctions: each
// run reads a deep copy of the committed cursor as the node's static data; dist/scheduling/
// poll-trigger-node/poll-trigger-task-handler.js: __emit when the poll answers items, else the
// cursor-only commit; @n8n/db's PollerStateRepository.advanceCursor: a commit whose lease epoch is
// no longer the task's is rejected).
import { AsyncLocalStorage } from 'node:async_hooks';

import { commitStagedCursor, PollContext, runPollInStagingScope } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { unpackNumbers } from '../../nodes/shared/packedNumbers';
import { nodeTypes, POLL_TRIGGER_TYPE } from '../../support/engine/nodeTypes';
import { additionalData } from '../../support/engine/runNode';
import { usNumbers } from '../../support/sandbox/state';
import { byId } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';

const api = useSandbox();

const clone = <T>(value: T): T => structuredClone(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * One poll trigger's row in n8n's poller_state table and its scheduled task: the committed
 * cursor, the task's lease epoch (raised each time the scheduler leases it), and the executions
 * the committed polls started.
 */
class DurablePoller {
	cursor: IDataObject = {};
	leaseEpoch = 0;
	readonly executions: INodeExecutionData[][][] = [];
	/** Commits refused because the run no longer held the lease ("fence_rejected"). */
	rejected = 0;

	private readonly node: INode;
	private readonly workflow: Workflow;
	private readonly type: INodeType;

	constructor(parameters: IDataObject) {
		this.node = {
			id: 'trigger',
			name: 'Trigger',
			type: POLL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
			credentials: { telnyxReputationApi: { id: '1', name: 'Telnyx sandbox' } },
		};
		this.workflow = new Workflow({
			id: 'durable',
			nodes: [this.node],
			connections: {},
			nodeTypes: nodeTypes([]),
			active: true,
		});
		this.type = this.workflow.nodeTypes.getByName(POLL_TRIGGER_TYPE) as INodeType;
	}

	/** The scheduler leases the task: a run that starts now holds this epoch. */
	lease(): number {
		return ++this.leaseEpoch;
	}

	/** advanceCursor with a fence: only while the run's epoch is still the task's. */
	private advance(cursor: IDataObject, epoch: number, items?: INodeExecutionData[][]): boolean {
		if (epoch !== this.leaseEpoch) {
			this.rejected++;
			return false;
		}
		this.cursor = cursor;
		if (items) this.executions.push(items);
		return true;
	}

	/**
	 * One run of the scheduled poll under `epoch` (PollTriggerTaskHandler.execute): the poll reads
	 * a copy of the cursor committed when it started; its items and its cursor are committed
	 * together (__emit), or the cursor alone when it reports nothing. `beforeCommit` is what
	 * happens between the poll's end and its commit (the scheduler leasing the task again).
	 * Answers what the poll returned, committed or not.
	 */
	async run(
		epoch: number,
		options: { budgetMs?: number; beforeCommit?: () => Promise<void> | void } = {},
	): Promise<INodeExecutionData[][] | null> {
		const staged = new AsyncLocalStorage<{ snapshot: IDataObject; seed: IDataObject }>();
		const committed = this.cursor;
		const takeStagedCursor = () => {
			const store = staged.getStore()!;
			if (same(store.snapshot, store.seed)) return null;
			const cursor = clone(store.snapshot);
			store.seed = cursor;
			return cursor;
		};
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalData(api.credential),
			'trigger',
			'update',
			(data) => {
				const cursor = takeStagedCursor();
				if (cursor !== null) this.advance(cursor, epoch, data);
				else this.executions.push(data);
			},
			(error) => {
				throw error;
			},
			async () => {
				const cursor = takeStagedCursor();
				if (cursor !== null) this.advance(cursor, epoch);
			},
			async (poll) =>
				await staged.run({ snapshot: clone(committed), seed: committed }, async () => await poll()),
			() => staged.getStore()!.snapshot,
			() => options.budgetMs ?? 36_000,
		);
		return await runPollInStagingScope(context, async () => {
			const response = await this.type.poll!.call(context);
			await options.beforeCommit?.();
			if (response !== null) context.__emit(response);
			else await commitStagedCursor(context);
			return response;
		});
	}

	/** A poll that runs once, as most do. */
	async tick(budgetMs?: number): Promise<INodeExecutionData[][] | null> {
		return await this.run(this.lease(), { budgetMs });
	}

	/** The numbers the committed executions reported, in order. */
	get reported(): string[] {
		return this.executions.flatMap(([items]) =>
			items.map((item) => String(item.json.phone_number)),
		);
	}
}

const reportedBy = (response: INodeExecutionData[][] | null) =>
	(response?.[0] ?? []).map((item) => String(item.json.phone_number));

/** An enterprise monitoring these numbers, each checked once (low risk). */
function checkedEnterprise(numbers: string[]) {
	const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
	for (const number of numbers) api.sandbox.state.setReputation(number, { spam_risk: 'low' });
	return enterpriseId;
}

describe("Telnyx Number Reputation Trigger under n8n's durable scheduler: one poll run twice", () => {
	test('two runs of the same poll from the same cursor: both see the change, only the lease holder commits it, and it is reported once', async () => {
		const numbers = usNumbers(3);
		const poller = new DurablePoller({
			event: 'spamRiskChanged',
			enterpriseId: byId(checkedEnterprise(numbers)),
		});
		expect(await poller.tick()).toBeNull(); // the baseline, committed on its own
		const baseline = clone(poller.cursor);
		api.sandbox.state.setReputation(numbers[1], { spam_risk: 'high' });

		// Run A's lease runs out while it polls; the scheduler leases the task again and run B
		// starts from the same committed cursor. A ends after B was leased.
		const epochA = poller.lease();
		let runB: Promise<INodeExecutionData[][] | null> | undefined;
		const a = await poller.run(epochA, {
			beforeCommit: () => {
				runB = poller.run(poller.lease());
			},
		});
		const b = await runB!;

		expect(reportedBy(a)).toEqual([numbers[1]]);
		expect(reportedBy(b)).toEqual([numbers[1]]);
		expect(poller.rejected).toBe(1);
		expect(poller.reported).toEqual([numbers[1]]);
		expect(poller.cursor).not.toEqual(baseline);
		expect(await poller.tick()).toBeNull();
		expect(poller.reported).toEqual([numbers[1]]);
	});

	test('the two runs at once, the second finishing first: the first one’s late commit is refused, the change is reported once', async () => {
		const numbers = usNumbers(3);
		const poller = new DurablePoller({
			event: 'spamRiskChanged',
			enterpriseId: byId(checkedEnterprise(numbers)),
		});
		await poller.tick();
		api.sandbox.state.setReputation(numbers[0], { spam_risk: 'high' });
		api.sandbox.latencyMs = 50;
		try {
			const epochA = poller.lease();
			let releaseA!: () => void;
			const aWaits = new Promise<void>((resolve) => (releaseA = resolve));
			const a = poller.run(epochA, { beforeCommit: async () => await aWaits });
			const b = await poller.run(poller.lease());
			releaseA();
			await a;

			expect(reportedBy(b)).toEqual([numbers[0]]);
			expect(poller.reported).toEqual([numbers[0]]);
			expect(poller.rejected).toBe(1);
		} finally {
			api.sandbox.latencyMs = 0;
		}
		expect(await poller.tick()).toBeNull();
		expect(poller.reported).toEqual([numbers[0]]);
	});

	test('a run that never commits (abandoned at the poll timeout, its process gone) loses nothing: the next run reports the change, once', async () => {
		const numbers = usNumbers(2);
		const poller = new DurablePoller({
			event: 'spamRiskChanged',
			enterpriseId: byId(checkedEnterprise(numbers)),
		});
		await poller.tick();
		api.sandbox.state.setReputation(numbers[1], { spam_risk: 'high' });
		const committed = clone(poller.cursor);

		// The abandoned run's work is thrown away: its lease is gone before it could commit.
		const abandoned = await poller.run(poller.lease(), { beforeCommit: () => void poller.lease() });
		expect(reportedBy(abandoned)).toEqual([numbers[1]]);
		expect(poller.cursor).toEqual(committed);
		expect(poller.executions).toEqual([]);

		expect(reportedBy(await poller.tick())).toEqual([numbers[1]]);
		expect(await poller.tick()).toBeNull();
		expect(poller.reported).toEqual([numbers[1]]);
	});

	test('a pass over several polls (the read budget) in which every poll runs twice: each change reported once, the pool kept whole', async () => {
		const numbers = usNumbers(5_000); // 20 pages
		const poller = new DurablePoller({
			event: 'spamRiskChanged',
			enterpriseId: byId(checkedEnterprise(numbers)),
		});
		api.sandbox.latencyMs = 100;
		// As in pollingTrigger.test.ts: a 300 ms budget makes a pass over 20 pages take several polls.
		const twice = async () => {
			const epochA = poller.lease();
			let runB: Promise<unknown> | undefined;
			await poller.run(epochA, {
				budgetMs: 300,
				beforeCommit: () => {
					runB = poller.run(poller.lease(), { budgetMs: 300 });
				},
			});
			await runB;
		};
		const keptNumbers = () =>
			unpackNumbers((poller.cursor.state as { numbers: string }).numbers).size;
		const passGoesOn = () => (poller.cursor.state as { next?: number } | undefined)?.next;
		try {
			let polls = 0;
			do {
				await twice();
				polls++;
			} while (passGoesOn() !== undefined && polls < 20);
			expect(polls).toBeGreaterThan(1);
			expect(poller.executions).toEqual([]);
			expect(keptNumbers()).toBe(5_000);

			api.sandbox.state.setReputation(numbers[0], { spam_risk: 'high' });
			api.sandbox.state.setReputation(numbers[4_999], { spam_risk: 'high' });
			for (let count = 0; count < 12; count++) await twice();

			expect(poller.reported.sort()).toEqual([numbers[0], numbers[4_999]].sort());
			expect(poller.rejected).toBe(polls + 12);
			expect(keptNumbers()).toBe(5_000);
		} finally {
			api.sandbox.latencyMs = 0;
		}
	}, 120_000);
});
