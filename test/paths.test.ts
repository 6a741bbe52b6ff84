import { buildPath } from '../nodes/shared/paths';
import { resolvePath } from '../nodes/TelnyxReputation/helpers/routing/paths';

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
		// @ts-expect-error thingId has no reader in pathParameters
		const step = resolvePath('/enterprises/{enterpriseId}/things/{thingId}');
		expect(typeof step).toBe('function');
		expect(typeof resolvePath('/enterprises/{enterpriseId}/reputation')).toBe('function');
	});
});
