import { runNode } from '../../support/engine/runNode';
import { useSandbox } from '../harness/useSandbox';
import { usNumbers } from '../../support/sandbox/state';
import { registerParameters } from '../phoneNumber/params';

const api = useSandbox();

/** 10,000 items with 1 to 3 numbers each (some shared between items), deterministic. */
function tenThousandItems() {
	const numbers = usNumbers(20_000);
	let next = 0;
	const items = Array.from({ length: 10_000 }, (_, index) => {
		const count = (index % 3) + 1;
		const own = numbers.slice(next, next + count);
		next += count;
		// Every 10th item repeats a number of the item before it: duplicates across items.
		if (index % 10 === 9) own.push(numbers[next - count - 1]);
		return { numbers: own.join(', ') };
	});
	const distinct = new Set(items.flatMap((item) => item.numbers.split(', ')));
	return { items, distinct, numbers };
}

describe('Load', () => {
	jest.setTimeout(180_000);

	test('10,000 items: every number accounted for, in the ideal number of requests', async () => {
		const { items, distinct, numbers } = tenThousandItems();
		api.sandbox.state.addInventory(numbers);
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		const rssBefore = process.memoryUsage().rss;
		let peakRss = rssBefore;
		const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

		const result = await runNode({
			credential: api.credential,
			items,
			parameters: registerParameters(enterprise.id, '={{ $json.numbers }}'),
		});
		clearInterval(sampler);

		expect(result.error).toBeUndefined();
		expect(api.sandbox.requests).toHaveLength(Math.ceil(distinct.size / 100));
		expect(result.items).toHaveLength(distinct.size);
		expect(new Set(result.items.map((item) => item.json.phone_number))).toEqual(distinct);
		expect(api.sandbox.state.registrations.size).toBe(distinct.size);
		// Reported, not asserted: memory depends on the machine.
		process.stdout.write(
			`load: ${distinct.size} numbers from 10000 items in ${api.sandbox.requests.length} requests; peak RSS ${Math.round(peakRss / 2 ** 20)} MiB (${Math.round((peakRss - rssBefore) / 2 ** 20)} MiB above the start)\n`,
		);
	});

	test('under a rate limit of 20 requests a second, nothing is lost and nothing registered twice', async () => {
		const { items, distinct, numbers } = tenThousandItems();
		api.sandbox.state.addInventory(numbers);
		const enterprise = api.sandbox.state.addEnterprise('Acme');
		api.sandbox.rateLimitPerSecond = 20;

		const result = await runNode({
			credential: api.credential,
			items,
			parameters: registerParameters(enterprise.id, '={{ $json.numbers }}', { concurrency: 5 }),
		});

		const limited = api.sandbox.requests.length - Math.ceil(distinct.size / 100);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(distinct.size);
		expect(api.sandbox.state.registrations.size).toBe(distinct.size);
		process.stdout.write(
			`load: under 20 requests/s, ${limited} requests were rate limited and sent again\n`,
		);
	});
});
