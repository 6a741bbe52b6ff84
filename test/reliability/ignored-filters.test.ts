// A server that does not honour a filter the package sends: its unfiltered list is never taken
// for the answer. Skip Numbers Already Monitored falls back to reading the list; lists keep only
// the records that match, and Limit counts those.
import { runNode, searchList } from '../../support/engine/runNode';
import { usNumbers } from '../../support/sandbox/state';
import { byId, operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';
import { registerParameters } from '../phoneNumber/params';

const api = useSandbox();
const ignore = (...names: string[]) =>
	names.forEach((name) => api.sandbox.state.ignoredQuery.add(name));
const posted = () =>
	api.sandbox.requests
		.filter((request) => request.method === 'POST')
		.map((request) => (request.body as { phone_numbers: string[] }).phone_numbers);

describe('Skip Numbers Already Monitored, when the server ignores filter[phone_number][eq]', () => {
	test.each([
		['one number looked up', 1],
		['two numbers looked up', 2],
	])(
		'%s: a monitored number is not sent again, so the new one is not refused with it',
		async (_case, count) => {
			const [known, ...fresh] = usNumbers(1 + count).slice(0);
			const others = usNumbers(5, 3000);
			const enterpriseId = api.sandbox.state.enterpriseOwning([known, ...fresh, ...others]);
			for (const number of [...others, known]) api.sandbox.state.register(enterpriseId, number);
			ignore('filter[phone_number][eq]');
			const given = [known, ...fresh].slice(0, count);

			const result = await runNode({
				credential: api.credential,
				parameters: registerParameters(enterpriseId, given.join(','), { skipMonitored: true }),
			});

			expect(result.error).toBeUndefined();
			expect(posted()).toEqual(count === 1 ? [] : [[fresh[0]]]);
			expect(result.items.map((item) => item.json.already_monitored)).toEqual(
				count === 1 ? [true] : [true, false],
			);
		},
	);

	test('a few numbers in a big enterprise (looked up one by one): it reads the list instead', async () => {
		// 1,300 monitored: 6 pages, more than the numbers not on the first page, so they are looked up.
		const monitored = usNumbers(1300);
		const enterpriseId = api.sandbox.state.enterpriseOwning(monitored);
		for (const number of monitored) api.sandbox.state.register(enterpriseId, number);
		const [fresh] = usNumbers(1, 5000);
		api.sandbox.state.addInventory([fresh]);
		ignore('filter[phone_number][eq]');

		const result = await runNode({
			credential: api.credential,
			parameters: registerParameters(
				enterpriseId,
				[monitored[1299], monitored[1298], fresh].join(','),
				{
					skipMonitored: true,
				},
			),
		});

		expect(result.error).toBeUndefined();
		expect(posted()).toEqual([[fresh]]);
	});
});

describe('Lists keep only what matches the filters they sent', () => {
	test('Get Many: "Phone Number Contains" and "Phone Number Is"', async () => {
		const numbers = ['+19493253498', '+12134445566', '+13125550147'];
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		ignore('filter[phone_number][contains]', 'filter[phone_number][eq]');
		const list = async (filters: Record<string, string>) =>
			await runNode({
				credential: api.credential,
				parameters: operation('phoneNumber', 'getMany', {
					enterpriseId: byId(enterpriseId),
					returnAll: true,
					filters,
				}),
			});

		const contains = await list({ contains: '2134445' });
		const equals = await list({ equals: '(312) 555-0147' });

		expect(contains.items.map((item) => item.json.phone_number)).toEqual(['+12134445566']);
		expect(equals.items.map((item) => item.json.phone_number)).toEqual(['+13125550147']);
	});

	test('Remediation Get Many: status and creation time, and Limit counts the matches', async () => {
		const numbers = usNumbers(4);
		const enterpriseId = api.sandbox.state.enterpriseMonitoring(numbers);
		const requests = numbers.map((number) =>
			api.sandbox.state.addRemediation(enterpriseId, [number]),
		);
		requests[0].created_at = '2020-01-01T00:00:00.000Z';
		requests[3].status = 'completed';
		ignore('filter[status]', 'filter[created_at][gte]');
		const list = async (fields: Record<string, unknown>) =>
			await runNode({
				credential: api.credential,
				parameters: operation('remediation', 'getMany', {
					enterpriseId: byId(enterpriseId),
					...fields,
				}),
			});

		const pending = await list({ limit: 2, filters: { status: 'pending' } });
		const recent = await list({
			returnAll: true,
			filters: { status: 'pending', createdAfter: '2025-01-01T00:00:00Z' },
		});

		expect(pending.items.map((item) => item.json.status)).toEqual(['pending', 'pending']);
		expect(recent.items.map((item) => item.json.id).sort()).toEqual(
			[requests[1].id, requests[2].id].sort(),
		);
	});

	test('the enterprise picker: only the enterprises whose legal name matches', async () => {
		api.sandbox.state.addEnterprise('Acme Dental');
		api.sandbox.state.addEnterprise('Globex');
		ignore('filter[legal_name][contains]');

		const { results } = await searchList(api.credential, 'searchEnterprises', 'acme');

		expect(results.map((result) => result.name)).toEqual(['Acme Dental']);
	});
});
