import { sentNumbers, statusOf } from '../harness/items';
import { runNode } from '../../support/engine/runNode';
import { useSandbox } from '../harness/useSandbox';
import { registerParameters } from './params';

const api = useSandbox();

describe('Register Numbers: what users actually paste', () => {
	test('reads decimal digits of any script', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);
		const pasted = [
			'＋１ ９４９ ３２５ ３４９８', // full-width
			'+١ ٩٤٩ ٣٢٥ ٣٤٩٨', // Arabic-Indic
			'+१ ९४९ ३२५ ३४९८', // Devanagari
			'+۱ ۹۴۹ ۳۲۵ ۳۴۹۸', // Extended Arabic-Indic (Persian)
		];

		const result = await runNode({
			credential: api.credential,
			items: pasted.map((phone) => ({ phone })),
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(result.error).toBeUndefined();
		expect(sentNumbers(api.sandbox.requests)).toEqual([['+19493253498']]);
		expect(result.items[0].pairedItem).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
	});

	test('ignores invisible format characters and odd spaces around and inside a number', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning([
			'+19493253498',
			'+12134445566',
			'+13125550147',
		]);
		const pasted = [
			'\uFEFF+1 949 325 3498\u200B', // BOM, zero-width space
			'\u202A(213)\u00A0444-5566\u202C', // bidi embedding, no-break space
			'+1\u2009312\u202F555\u20600147\u200E', // thin and narrow no-break spaces, word joiner, LRM
		];

		const result = await runNode({
			credential: api.credential,
			items: pasted.map((phone) => ({ phone })),
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(result.error).toBeUndefined();
		expect(sentNumbers(api.sandbox.requests)).toEqual([
			['+19493253498', '+12134445566', '+13125550147'],
		]);
	});

	test('reads tel: URIs as one number each, parameters and all', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498', '+12134445566']);

		const result = await runNode({
			credential: api.credential,
			onError: 'continueRegularOutput',
			items: [{ phone: 'tel:+1-949-325-3498;ext=12' }, { phone: 'TEL:+12134445566' }],
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(result.items.map((item) => statusOf(item))).toEqual(['registered', 'registered']);
		expect(sentNumbers(api.sandbox.requests)).toEqual([['+19493253498', '+12134445566']]);
		expect(result.items[0].json.notice).toBe(
			'Extension 12 dropped: Telnyx monitors the line +19493253498, not its extensions',
		);
	});

	test('registers the main number of an extension and says on the item that the extension was dropped', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498']);

		const result = await runNode({
			credential: api.credential,
			items: [
				{ phone: '(949) 325-3498 ext. 12' },
				{ phone: '949-325-3498 x34' },
				{ phone: '+19493253498' },
			],
			parameters: registerParameters(enterpriseId, '={{ $json.phone }}'),
		});

		expect(sentNumbers(api.sandbox.requests)).toEqual([['+19493253498']]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			phone_number: '+19493253498',
			notice:
				'Extensions 12 and 34 dropped: Telnyx monitors the line +19493253498, not its extensions',
		});
		expect(result.hints.map((hint) => hint.message)).toContain(
			'2 extensions dropped: Telnyx monitors lines, not extensions',
		);
	});

	test('reads a list a model gives as one string of JSON, as the list it is', async () => {
		const enterpriseId = api.sandbox.state.enterpriseOwning(['+19493253498', '+12134445566']);

		const result = await runNode({
			credential: api.credential,
			items: [{}],
			parameters: registerParameters(enterpriseId, '["+19493253498", "(213) 444-5566"]'),
		});

		expect(result.error).toBeUndefined();
		expect(sentNumbers(api.sandbox.requests)).toEqual([['+19493253498', '+12134445566']]);
		expect(result.items.map((item) => item.json.phone_number)).toEqual([
			'+19493253498',
			'+12134445566',
		]);
	});
});
