import { fieldReference } from '../../nodes/TelnyxReputation/pipeline/readInput';
import { runNode } from '../../support/engine/runNode';
import { usNumbers } from '../../support/sandbox/state';
import { byId, operation } from '../harness/parameters';
import { useSandbox } from '../harness/useSandbox';

const api = useSandbox();

/** Input rows as upstream nodes give them: strings, numbers, lists, nested objects, gaps. */
const rows = [
	{ phone: '+19493253498', 'phone number': '(949) 325-3498', contact: { mobile: '9493253499' } },
	{ phone: 19493253500, 'phone number': 9493253501, contact: { mobile: 19493253502 } },
	{ phone: ['+19493253503', '949-325-3504'], contact: { mobile: ['+19493253505'] } },
	{ phone: '949 325 3506, 949 325 3507', contact: null },
	{ phone: null, contact: {} },
	{ other: 'no phone here' },
	{ phone: '', 'phone number': '   ', contact: { mobile: 'not a number' } },
	{ phone: { nested: '+19493253508' }, contact: { mobile: { deeper: true } } },
	{ phone: true, contact: 'a string' },
];

/** Sync in a dry run: every value comes back (kept, would-add or invalid, with its input), nothing changes. */
async function collected(phoneNumbers: string) {
	const result = await runNode({
		credential: api.credential,
		onError: 'continueRegularOutput',
		items: rows,
		parameters: operation('phoneNumber', 'sync', {
			enterpriseId: byId(enterpriseId),
			phoneNumbers,
			dryRun: true,
			options: {},
		}),
	});
	return {
		items: result.items.map((item) => ({ json: item.json, pairedItem: item.pairedItem })),
		error: result.error?.message,
	};
}

let enterpriseId: string;
beforeEach(() => {
	enterpriseId = api.sandbox.state.enterpriseOwning(usNumbers(20));
	api.sandbox.state.register(enterpriseId, '+19493253498');
});

describe('Phone Numbers that only reference a field are read straight from each item', () => {
	test.each([
		['$json.phone'],
		['$json["phone number"]'],
		["$json['phone number']"],
		['$json.contact.mobile'],
		['$json.contact["mobile"]'],
		['$json.missing'],
		['$json.missing.deeper'],
		['$json.phone.nested'],
	])('{{ %s }} gives exactly what n8n’s expression engine gives', async (path) => {
		// The parentheses make the same expression one the shortcut does not take.
		const fast = await collected(`={{ ${path} }}`);
		const engine = await collected(`={{ (${path}) }}`);

		expect(fieldReference(`={{ ${path} }}`)).toBeDefined();
		expect(fieldReference(`={{ (${path}) }}`)).toBeUndefined();
		expect(fast).toEqual(engine);
	});

	test.each([
		['={{ $json.phone }} '],
		['={{ $json.phone + "" }}'],
		['={{ $json.phone || $json.mobile }}'],
		['={{ $json.phone }}{{ $json.mobile }}'],
		['={{ $json["phone"].trim() }}'],
		['={{ $json.constructor }}'],
		['={{ $json["__proto__"] }}'],
		["={{ $json['a\\'b'] }}"],
		['={{ $item(0).$json.phone }}'],
		['{{ $json.phone }}'],
		['+19493253498'],
	])('%s is left to n8n’s expression engine', (parameter) => {
		expect(fieldReference(parameter)).toBeUndefined();
	});

	test('the paths it reads', () => {
		expect(fieldReference('={{$json.phone}}')).toEqual(['phone']);
		expect(fieldReference('={{  $json.contact[ "mobile no" ].x  }}')).toEqual([
			'contact',
			'mobile no',
			'x',
		]);
	});
});
