import { searchList } from '../support/engine/runNode';
import { useSandbox } from './harness/useSandbox';

const api = useSandbox();

describe('Enterprise picker (From List)', () => {
	test('lists enterprises by legal name, with the trading name when there is one', async () => {
		api.sandbox.state.addEnterprise('Acme Dental LLC', {
			id: '4a6192a4-573d-446d-b3ce-aff9117272a6',
			dba: 'Acme Dental',
		});
		api.sandbox.state.addEnterprise('Globex Clinics Inc', {
			id: '0b7c1f1c-7a9d-4f0a-9d3e-2f6a1c4b8e21',
		});

		const result = await searchList(api.credential, 'searchEnterprises');

		expect(result).toEqual({
			results: [
				{ name: 'Acme Dental LLC (Acme Dental)', value: '4a6192a4-573d-446d-b3ce-aff9117272a6' },
				{ name: 'Globex Clinics Inc', value: '0b7c1f1c-7a9d-4f0a-9d3e-2f6a1c4b8e21' },
			],
			paginationToken: undefined,
		});
	});

	test('sends the search text as a legal-name filter', async () => {
		api.sandbox.state.addEnterprise('Acme Dental LLC');
		api.sandbox.state.addEnterprise('Globex Clinics Inc');

		const result = await searchList(api.credential, 'searchEnterprises', 'globex');

		expect(result.results.map((r) => r.name)).toEqual(['Globex Clinics Inc']);
		expect(api.sandbox.requests[0].query).toEqual({
			'page[number]': '1',
			'page[size]': '50',
			'filter[legal_name][contains]': 'globex',
		});
	});

	test('pages through more than 50 enterprises', async () => {
		for (let index = 0; index < 120; index++) api.sandbox.state.addEnterprise(`Clinic ${index}`);

		const first = await searchList(api.credential, 'searchEnterprises');
		const second = await searchList(
			api.credential,
			'searchEnterprises',
			undefined,
			first.paginationToken,
		);
		const third = await searchList(
			api.credential,
			'searchEnterprises',
			undefined,
			second.paginationToken,
		);

		expect([first, second, third].map((page) => page.results.length)).toEqual([50, 50, 20]);
		expect([first.paginationToken, second.paginationToken, third.paginationToken]).toEqual([
			'2',
			'3',
			undefined,
		]);
	});

	test('a wrong key shows the API error in the picker', async () => {
		await expect(
			searchList({ ...api.credential, apiKey: 'KEY_wrong' }, 'searchEnterprises'),
		).rejects.toThrow('Authentication failed');
	});
});
