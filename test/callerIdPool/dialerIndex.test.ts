// The dialer's pool in memory as Apply Pool Rules keeps it current: a row the rules did not read
// brings only its decided columns, laid over the row held.
import { DialerIndex } from '../../nodes/TelnyxReputation/callerIdPool/dialerIndex';
import { dayIn } from '../../nodes/TelnyxReputation/callerIdPool/pick';

const ZONE = 'America/New_York';
const callee = { areaCode: '949', region: 'CA' };

function index() {
	const pool = new DialerIndex('dialer index test');
	pool.load(
		[
			{ phone_number: '+19495550301', status: 'remediating', spam_risk: 'high', dial_rank: 3000 },
			{ phone_number: '+19495550302', status: 'active', spam_risk: 'medium', dial_rank: 2050 },
		],
		[],
		Date.now(),
	);
	return pool;
}

describe('the dialer pool, kept current', () => {
	test('a row with only its reading keeps the status held: a resting number is not dialled', () => {
		const pool = index();
		pool.put({
			phone_number: '+19495550301',
			spam_risk: 'low',
			connection_score: 99,
			dial_rank: 1,
		});
		const answer = pool.pick(callee, 100, dayIn(ZONE, new Date()), ZONE);
		expect(answer.caller_id).toBe('+19495550302');
	});

	test('a row with only its reading, for a number not held, waits for the next load', () => {
		const pool = index();
		pool.put({ phone_number: '+19495550303', spam_risk: 'low', dial_rank: 1 });
		const answer = pool.pick(callee, 100, dayIn(ZONE, new Date()), ZONE);
		expect(answer.caller_id).toBe('+19495550302');
	});
});
