import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { parsePhoneNumberFromString } from 'libphonenumber-js';

import { readNumbers } from '../../nodes/shared/phoneNumbers';
import { sentNumbers } from '../harness/items';
import { runNode } from '../../support/engine/runNode';
import { useSandbox } from '../harness/useSandbox';
import { usNumbers } from '../../support/sandbox/state';
import { registerParameters } from '../phoneNumber/params';

const api = useSandbox();
const SEED = 20261125;
const E164_US = /^\+1\d{10}$/;

/** What upstream nodes and AI agents can put in a field: anything. */
const hostileValue = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.string({ unit: fc.constantFrom(...'0123456789+-(). ,;\n'.split('')), maxLength: 40 }),
	fc.integer(),
	fc.double(),
	fc.constant(null),
	fc.constant(undefined),
	fc.boolean(),
	fc.object({ maxDepth: 2 }),
	fc.array(fc.oneof(fc.string(), fc.integer(), fc.array(fc.string())), { maxLength: 5 }),
	fc.constantFrom(
		'+19493253498',
		'(213) 444-5566',
		'../../etc/passwd',
		'%2e%2e%2f',
		'?x=1#y',
		'x'.repeat(100_000),
	),
);

describe('The fast path for usual US formats gives what libphonenumber-js gives', () => {
	const digit = (from = 0) => fc.integer({ min: from, max: 9 });
	const usNumber = fc
		.tuple(digit(2), digit(), digit(), digit(), digit(), digit(), fc.integer({ min: 0, max: 9999 }))
		.map(([a, b, c, d, e, f, line]) => `${a}${b}${c}${d}${e}${f}${String(line).padStart(4, '0')}`);
	const formats = [
		(n: string) => `+1${n}`,
		(n: string) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
		(n: string) => `1-${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`,
		(n: string) => `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`,
		(n: string) => n,
		(n: string) => `+1 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
	];

	test('valid exactly when libphonenumber-js says a valid US number, with the same E.164', () => {
		fc.assert(
			fc.property(usNumber, fc.integer({ min: 0, max: formats.length - 1 }), (national, format) => {
				const text = formats[format](national);
				const [{ normalized }] = readNumbers(text, 'US');
				const phone = parsePhoneNumberFromString(text, 'US');
				const expected = phone?.isValid() && phone.country === 'US' ? phone.number : undefined;
				expect('e164' in normalized ? normalized.e164 : undefined).toBe(expected);
			}),
			{ seed: SEED, numRuns: 20_000 },
		);
	});
});

describe('Hostile input (property-based, seeded)', () => {
	test('reading never throws and only ever produces valid US E.164', () => {
		fc.assert(
			fc.property(hostileValue, (value) => {
				for (const { normalized } of readNumbers(value, 'US')) {
					if ('e164' in normalized) expect(normalized.e164).toMatch(E164_US);
					else expect(typeof normalized.reason).toBe('string');
				}
			}),
			{ seed: SEED, numRuns: 5000 },
		);
	});

	test('through the engine: no crash, only valid numbers on the intended path, every item accounted for', async () => {
		const known = usNumbers(50);
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						phone: fc.oneof(hostileValue, fc.constantFrom(...known)),
						enterprise: fc.oneof(
							fc.constant('valid'),
							fc.string(),
							fc.constantFrom('../x', ' ', '4a6192a4-573d-446d-b3ce-aff9117272a6/../..'),
						),
					}),
					{ minLength: 1, maxLength: 150 },
				),
				async (rows) => {
					api.sandbox.reset();
					const enterprise = api.sandbox.state.addEnterprise('Acme');
					api.sandbox.state.addInventory(known);
					const items = rows.map((row) => ({
						phone: row.phone as IDataObject['phone'],
						enterprise: row.enterprise === 'valid' ? enterprise.id : row.enterprise,
					}));

					const result = await runNode({
						credential: api.credential,
						onError: 'continueRegularOutput',
						items,
						parameters: registerParameters('={{ $json.enterprise }}', '={{ $json.phone }}'),
					});

					expect(result.error).toBeUndefined();
					for (const request of api.sandbox.requests) {
						expect(request.path).toBe(`/enterprises/${enterprise.id}/reputation/numbers`);
						for (const number of sentNumbers([request])[0]) expect(number).toMatch(E164_US);
					}
					const paired = new Set(
						result.items.flatMap((item) =>
							(item.pairedItem as Array<{ item: number }>).map((pair) => pair.item),
						),
					);
					expect([...paired].sort((a, b) => a - b)).toEqual(items.map((_, index) => index));
					for (const item of result.items) {
						if (item.json.error) expect(typeof item.json.error).toBe('string');
					}
				},
			),
			{ seed: SEED, numRuns: 25 },
		);
	});
});
