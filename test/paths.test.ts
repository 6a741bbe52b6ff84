import { buildPath } from '../nodes/shared/paths';
import { singleRequest } from '../nodes/TelnyxReputation/routing/declarative';

describe('Paths', () => {
	test('a value is one encoded path segment: a + travels as %2B, no value adds a segment', () => {
		expect(
			buildPath('/enterprises/{enterpriseId}/reputation/numbers/{phoneNumber}', {
				enterpriseId: 'a/b?c',
				phoneNumber: '+19493253498',
			}),
		).toBe('/enterprises/a%2Fb%3Fc/reputation/numbers/%2B19493253498');
	});

	test('a path with a {name} that has no reader does not compile (npm run typecheck)', () => {
		const endpoint = { method: 'GET', policy: 'idempotent' } as const;
		const step = singleRequest({
			// @ts-expect-error thingId has no reader in pathParameters
			endpoint: { ...endpoint, path: '/enterprises/{enterpriseId}/things/{thingId}' },
		});
		expect(typeof step).toBe('object');
		const known = singleRequest({
			endpoint: { ...endpoint, path: '/enterprises/{enterpriseId}/reputation' },
		});
		expect(typeof known).toBe('object');
	});
});
